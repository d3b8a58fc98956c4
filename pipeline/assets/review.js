// The index's filters (pipeline/review.py): rows stay in the page, filters hide them.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var rows = document.querySelectorAll("#events tbody tr");
  var shown = document.getElementById("shown");
  function value(id) { return document.getElementById(id).value; }
  function checked(id) { return document.getElementById(id).checked; }
  function apply() {
    var year = value("year"), office = value("office"), type = value("type");
    var missing = ["nodate", "noorganizer", "noplace"].filter(checked);
    var count = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var show = (!year || d.year === year) && (!office || d.office === office) &&
        (!type || d.type === type) &&
        missing.every(function (id) { return d[id] === "true"; });
      row.hidden = !show;
      if (show) { count += 1; }
    });
    shown.textContent = String(count);
  }
  form.addEventListener("change", apply);
  apply();
})();
