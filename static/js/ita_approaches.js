document.addEventListener("DOMContentLoaded", function () {
  // A suggested approach goes into the question's text box, after what is already typed there,
  // for the coordinator to edit into the organisation's own.
  document.querySelectorAll("button[data-approach-for]").forEach(function (button) {
    button.addEventListener("click", function () {
      var box = document.getElementById(button.dataset.approachFor);
      var text = button.dataset.text;
      box.value = box.value.trim() ? box.value.trim() + "\n" + text : text;
      box.focus();
    });
  });
});
