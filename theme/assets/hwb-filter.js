// Filters the decisions register by year, priority and outcome. Without this
// script the whole register is shown and stays readable; the filter only hides rows.
(function () {
  var form = document.querySelector("[data-hwb-filter]");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll(".hwb-register tbody tr"));
  var count = form.querySelector("[data-hwb-count]");
  function apply() {
    var chosen = {};
    form.querySelectorAll("select").forEach(function (s) { chosen[s.dataset.filter] = s.value; });
    var shown = 0;
    rows.forEach(function (row) {
      var match = (!chosen.year || row.dataset.year === chosen.year) &&
        (!chosen.outcome || row.dataset.outcome === chosen.outcome) &&
        (!chosen.priority || (" " + row.dataset.priority).indexOf(" " + chosen.priority + " ") !== -1);
      row.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = shown + " of " + rows.length + " decisions shown";
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
