// The case list's "select all on this page": the header checkbox ticks or unticks every row of
// its table. Without JavaScript it stays hidden and each row is ticked on its own.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-bulk-pick-all]").forEach(function (all) {
    var table = all.closest("table");
    if (!table) { return; }
    var rows = table.querySelectorAll("[data-bulk-pick]");
    if (!rows.length) { return; }
    function sync() {
      var ticked = Array.prototype.filter.call(rows, function (box) { return box.checked; });
      all.checked = ticked.length === rows.length;
      all.indeterminate = ticked.length > 0 && ticked.length < rows.length;
    }
    all.hidden = false;
    all.addEventListener("change", function () {
      rows.forEach(function (box) { box.checked = all.checked; });
      sync();
    });
    rows.forEach(function (box) { box.addEventListener("change", sync); });
    sync();
  });
});
