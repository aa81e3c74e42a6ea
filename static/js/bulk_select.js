// The case list's "select all on this page": the header checkbox ticks or unticks every row of
// its table. Without JavaScript it stays hidden and each row is ticked on its own.
// Then, as Gmail does, "All 25 on this page are chosen. Choose all N cases matching the filter":
// it ticks the form's scope checkbox (shown as a plain checkbox without JavaScript), so the
// action takes the filter, not the ticked ids; unticking a row or "Clear the choice" undoes it.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-bulk-pick-all]").forEach(function (all) {
    var table = all.closest("table");
    if (!table) { return; }
    var rows = table.querySelectorAll("[data-bulk-pick]");
    if (!rows.length) { return; }
    var form = all.closest("form");
    var matching = form && form.querySelector("[data-bulk-matching]");
    var scope = matching && matching.querySelector("[data-bulk-scope]");
    var offer = matching && matching.querySelector("[data-bulk-offer]");
    var chosen = matching && matching.querySelector("[data-bulk-chosen]");
    function showMatching() {
      if (!matching) { return; }
      var everyRow = all.checked && !all.indeterminate;
      if (!everyRow) { scope.checked = false; }
      offer.hidden = !everyRow || scope.checked;
      chosen.hidden = !scope.checked;
    }
    function sync() {
      var ticked = Array.prototype.filter.call(rows, function (box) { return box.checked; });
      all.checked = ticked.length === rows.length;
      all.indeterminate = ticked.length > 0 && ticked.length < rows.length;
      showMatching();
    }
    all.hidden = false;
    all.addEventListener("change", function () {
      rows.forEach(function (box) { box.checked = all.checked; });
      sync();
    });
    rows.forEach(function (box) { box.addEventListener("change", sync); });
    if (matching) {
      matching.querySelector("[data-bulk-scope-plain]").hidden = true;
      if (scope.checked) {  // kept by the browser on going back: the rows are all chosen
        rows.forEach(function (box) { box.checked = true; });
      }
      matching.querySelector("[data-bulk-choose-matching]").addEventListener("click", function () {
        scope.checked = true;
        showMatching();
        chosen.focus();
      });
      matching.querySelector("[data-bulk-clear-matching]").addEventListener("click", function () {
        scope.checked = false;
        rows.forEach(function (box) { box.checked = false; });
        sync();
        all.focus();
      });
    }
    sync();
  });
});
