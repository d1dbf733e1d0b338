document.addEventListener("DOMContentLoaded", function () {
  // Filter the question list by code or text; hidden choices keep their ticks.
  var filter = document.getElementById("question-filter");
  filter.addEventListener("input", function () {
    var q = filter.value.trim().toLowerCase();
    document.querySelectorAll(".question-choice").forEach(function (el) {
      el.hidden = q !== "" && el.dataset.search.toLowerCase().indexOf(q) === -1;
    });
    // Hide headings whose questions are all filtered out.
    document.querySelectorAll(".indicator-group, .tool-group").forEach(function (group) {
      group.hidden = q !== "" && !group.querySelector(".question-choice:not([hidden])");
      if (group.tagName === "DETAILS" && q !== "") group.open = true;
    });
  });
  filter.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
  // Add a step row: the formset's empty form with the next index.
  var total = document.getElementById("id_steps-TOTAL_FORMS");
  document.getElementById("add-step").addEventListener("click", function () {
    var html = document.getElementById("step-template").innerHTML.replace(/__prefix__/g, total.value);
    var rows = document.getElementById("step-rows");
    rows.insertAdjacentHTML("beforeend", html);
    total.value = parseInt(total.value, 10) + 1;
    // The new row sits before this button: give it the focus, or Tab would go on past it.
    rows.lastElementChild.querySelector("input:not([type=hidden]), textarea").focus();
  });
});
