// Standard texts on the case page: insert the chosen text at the cursor of its textarea, in
// place. Without JavaScript the same button posts the form to the server, which adds it.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-standard-texts]").forEach(function (picker) {
    var button = picker.querySelector("[data-insert-standard-text]");
    var selects = picker.querySelectorAll("select");
    var target = document.getElementById(picker.dataset.target);
    if (!button || !target || selects.length < 2) { return; }
    var touched = false;  // before the user has been in the textarea, the text goes at the end
    target.addEventListener("focus", function () { touched = true; });
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var option = selects[0].options[selects[0].selectedIndex];
      var text = option ? option.getAttribute("data-" + selects[1].value) : "";
      if (!text) { return; }
      var start = target.selectionStart, end = target.selectionEnd, value = target.value;
      if (!touched || typeof start !== "number") { start = end = value.length; }
      var before = value.slice(0, start), after = value.slice(end);
      var joiner = before && !/\n\n$/.test(before) ? "\n\n" : "";
      target.value = before + joiner + text + after;
      var caret = (before + joiner + text).length;
      target.focus();
      target.setSelectionRange(caret, caret);
    });
  });
});
