"""The data behind the charts, in the JSON shape ``static/js/charts.js`` reads.

Every chart draws numbers that also stand in a table on the page (the table is what screen
readers, printers and people without JavaScript get).
"""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .report_tables import one_decimal, quarter_label
from .selectors import StatisticsPage


def months_chart(page: StatisticsPage) -> dict:
    return {
        "kind": "bar",
        "labels": [date_format(row.month, "M Y") for row in page.months],
        "datasets": [
            {"label": _("Opened"), "data": [row.opened for row in page.months]},
            {"label": _("Finished"), "data": [row.finished for row in page.months]},
        ],
        "unit": "",
    }


def doors_chart(page: StatisticsPage) -> dict:
    return {
        "kind": "doughnut",
        "labels": [row.label for row in page.doors],
        "datasets": [
            {"label": _("Share (%)"), "data": [one_decimal(row.share) for row in page.doors]}
        ],
        "unit": "%",
    }


def lead_time_chart(page: StatisticsPage) -> dict:
    rows = page.by_department
    return {
        "kind": "hbar",
        "labels": [row.department for row in rows],
        "datasets": [
            {
                "label": _("Opened to finished, median"),
                "data": [one_decimal(row.lead_median) for row in rows],
            },
            {
                "label": _("90th percentile"),
                "data": [one_decimal(row.lead_p90) for row in rows],
            },
        ],
        "unit": _("working days"),
    }


def nki_chart(page: StatisticsPage) -> dict:
    rows = page.satisfaction.by_quarter
    return {
        "kind": "line",
        "labels": [quarter_label(row.period) for row in rows],
        # A quarter with too few answers has no figure: a gap in the line.
        "datasets": [{"label": _("NKI"), "data": [row.nki for row in rows]}],
        "unit": "",
        "max": 100,
    }


def training_chart(page: StatisticsPage) -> dict:
    rows = page.training.departments
    return {
        "kind": "hbar",
        "labels": [row.department for row in rows],
        "datasets": [
            {
                "label": _("With diploma (%)"),
                "data": [one_decimal(row.diploma_share) for row in rows],
            }
        ],
        "unit": "%",
        "max": 100,
    }


def all_charts(page: StatisticsPage) -> dict[str, dict]:
    return {
        "chart-months": months_chart(page),
        "chart-doors": doors_chart(page),
        "chart-lead-times": lead_time_chart(page),
        "chart-nki": nki_chart(page),
        "chart-training": training_chart(page),
    }
