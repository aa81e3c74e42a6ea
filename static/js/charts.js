/*
 * Lotsportalen charts: draws every <canvas data-chart="ID"> from the JSON in the element with
 * id ID (Django: {{ chart|json_script:"ID" }}). Needs vendor/chartjs/chart.umd.min.js first.
 *
 * JSON contract:
 *   {
 *     "kind": "bar" | "line" | "doughnut" | "hbar",   // hbar: horizontal bars
 *     "labels": ["jan", "feb", ...],
 *     "datasets": [{"label": "Nya ärenden", "data": [3, null, 5]}],   // null: a gap
 *     "stacked": false,            // optional: stack bars / lines (not doughnut)
 *     "unit": "" | "%" | "dagar",  // optional: shown after values in tooltips (and on the
 *                                  // value axis when "%")
 *     "max": null | 100            // optional: top of the value axis (not doughnut)
 *   }
 *
 * The canvas sits in a box with a fixed height (CSS class .lots-chart-box, or also
 * .lots-chart-box-tall for long horizontal bar lists; static/css/portal.css) and should carry
 * role="img" and an aria-label; the page shows the same figures as a table for screen readers
 * and for anyone without JavaScript. After a canvas is handled it gets data-chart-ready="1"
 * (and data-chart-empty="1" when there was nothing to draw); a broken chart is logged and gets
 * data-chart-error="1" instead, without stopping the others. No eval, no inline handlers.
 */
(function () {
  "use strict";

  // Okabe–Ito colours (distinguishable with the common colour-vision deficiencies). "line" is
  // the colour for lines and outlines: at least 3:1 against white (WCAG 1.4.11), darkened for
  // the three light fills. Line series also differ by point shape.
  var PALETTE = [
    { fill: "#0072B2", line: "#0072B2" }, // blue
    { fill: "#D55E00", line: "#D55E00" }, // vermillion
    { fill: "#009E73", line: "#009E73" }, // bluish green
    { fill: "#CC79A7", line: "#CC79A7" }, // reddish purple
    { fill: "#E69F00", line: "#AD6A00" }, // orange
    { fill: "#56B4E9", line: "#2C83B5" }, // sky blue
    { fill: "#F0E442", line: "#8A7A00" }, // yellow
    { fill: "#000000", line: "#000000" }, // black
  ];
  var POINT_STYLES = ["circle", "rect", "triangle", "rectRot", "crossRot", "star", "rectRounded", "cross"];
  var KINDS = { bar: "bar", hbar: "bar", line: "line", doughnut: "doughnut" };
  var TEXT_COLOUR = "#212529";
  var GRID_COLOUR = "#dee2e6";

  function colour(index) {
    return PALETTE[index % PALETTE.length];
  }

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function numberFormat() {
    var lang = document.documentElement.getAttribute("lang") || "sv";
    try {
      return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    } catch (error) {
      return new Intl.NumberFormat("sv", { maximumFractionDigits: 1 });
    }
  }

  function withUnit(format, value, unit) {
    if (value === null || value === undefined || typeof value !== "number") {
      return "";
    }
    var text = format.format(value);
    return unit ? text + "\u00a0" + unit : text;
  }

  function cleanData(values) {
    return (Array.isArray(values) ? values : []).map(function (value) {
      return typeof value === "number" && isFinite(value) ? value : null;
    });
  }

  function hasValues(datasets) {
    return datasets.some(function (dataset) {
      return dataset.data.some(function (value) {
        return value !== null;
      });
    });
  }

  function datasetsFor(spec) {
    var doughnut = spec.kind === "doughnut";
    return (Array.isArray(spec.datasets) ? spec.datasets : []).map(function (raw, index) {
      var data = cleanData(raw && raw.data);
      var dataset = { label: String((raw && raw.label) || ""), data: data };
      if (doughnut) {
        dataset.backgroundColor = data.map(function (_, i) {
          return colour(i).fill;
        });
        dataset.borderColor = "#ffffff";
        dataset.borderWidth = 2;
      } else if (spec.kind === "line") {
        dataset.borderColor = colour(index).line;
        dataset.backgroundColor = colour(index).fill;
        dataset.pointStyle = POINT_STYLES[index % POINT_STYLES.length];
        dataset.pointRadius = 4;
        dataset.borderWidth = 2;
        dataset.spanGaps = false;
      } else {
        dataset.backgroundColor = colour(index).fill;
        dataset.borderColor = colour(index).line;
        dataset.borderWidth = 1;
      }
      return dataset;
    });
  }

  function optionsFor(spec, datasets) {
    var format = numberFormat();
    var unit = typeof spec.unit === "string" ? spec.unit : "";
    var horizontal = spec.kind === "hbar";
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion() ? false : { duration: 400 },
      color: TEXT_COLOUR,
      plugins: {
        legend: { display: spec.kind === "doughnut" || datasets.length > 1 },
        tooltip: {
          callbacks: {
            label: function (context) {
              var name = context.dataset.label || "";
              if (spec.kind === "doughnut") {
                name = context.label || name;
              }
              var value = withUnit(format, context.raw, unit);
              return name ? name + ": " + value : value;
            },
          },
        },
      },
    };
    if (spec.kind === "doughnut") {
      return options;
    }
    var stacked = spec.stacked === true;
    var valueAxis = {
      beginAtZero: true,
      stacked: stacked,
      grid: { color: GRID_COLOUR },
      ticks: {
        color: TEXT_COLOUR,
        callback: function (value) {
          return unit === "%" ? withUnit(format, value, unit) : format.format(value);
        },
      },
    };
    if (typeof spec.max === "number" && isFinite(spec.max)) {
      valueAxis.max = spec.max;
    }
    var categoryAxis = { stacked: stacked, grid: { display: false }, ticks: { color: TEXT_COLOUR } };
    options.indexAxis = horizontal ? "y" : "x";
    options.scales = horizontal
      ? { x: valueAxis, y: categoryAxis }
      : { x: categoryAxis, y: valueAxis };
    return options;
  }

  function readSpec(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) {
      throw new Error("no element with id " + canvas.getAttribute("data-chart"));
    }
    var spec = JSON.parse(source.textContent || "null");
    if (!spec || typeof spec !== "object" || !Object.prototype.hasOwnProperty.call(KINDS, spec.kind)) {
      throw new Error("unknown chart kind");
    }
    return spec;
  }

  function render(canvas) {
    var spec = readSpec(canvas);
    var labels = (Array.isArray(spec.labels) ? spec.labels : []).map(String);
    var datasets = datasetsFor(spec);
    if (!labels.length || !datasets.length || !hasValues(datasets)) {
      canvas.setAttribute("data-chart-empty", "1");
      return;
    }
    if (!canvas.getAttribute("role")) {
      canvas.setAttribute("role", "img");
    }
    var existing = window.Chart.getChart(canvas);
    if (existing) {
      existing.destroy();
    }
    new window.Chart(canvas, {
      type: KINDS[spec.kind],
      data: { labels: labels, datasets: datasets },
      options: optionsFor(spec, datasets),
    });
  }

  function renderAll(root) {
    if (!window.Chart) {
      return;
    }
    var canvases = (root || document).querySelectorAll("canvas[data-chart]:not([data-chart-ready])");
    Array.prototype.forEach.call(canvases, function (canvas) {
      try {
        render(canvas);
        canvas.setAttribute("data-chart-ready", "1");
      } catch (error) {
        canvas.setAttribute("data-chart-error", "1");
        if (window.console) {
          window.console.error("Lotsportalen chart:", error);
        }
      }
    });
  }

  window.LotsCharts = { renderAll: renderAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      renderAll(document);
    });
  } else {
    renderAll(document);
  }
  // Content swapped in by htmx gets its charts too.
  document.addEventListener("htmx:afterSettle", function (event) {
    renderAll(event.target && event.target.querySelectorAll ? event.target : document);
  });
})();
