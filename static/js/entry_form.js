document.addEventListener("DOMContentLoaded", function () {
  // A status change proposes the usual percent: not started 0, done 100.
  var status = document.getElementById("id_status"), percent = document.getElementById("id_percent");
  status.addEventListener("change", function () {
    if (status.value === "not_started") percent.value = "0";
    else if (status.value === "done") percent.value = "100";
  });
});
