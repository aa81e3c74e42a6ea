"""The statistics pages: thin views over ``stats.selectors`` and ``stats.report_tables``.

The figures are read inside ``reporting_reads()``: from the replica when one is configured
(``DATABASE_REPLICA_URL``, see docs/scaling.md), else from the primary."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lotsportal.dbrouting import reporting_reads
from lotsportal.spreadsheets import csv_response, xlsx_response

from . import permissions
from .charts import all_charts
from .forms import StatsFilterForm, StatsFilters, default_period
from .report_tables import all_tables
from .selectors import statistics_page
from .selectors.clocks import guarantee_figures


def _form(request) -> StatsFilterForm:
    """The filter from the query string; 403 for anyone who may not see statistics."""
    if not permissions.can_view_statistics(request.user):
        raise PermissionDenied
    return StatsFilterForm(request.GET or None)


def _file_stem(filters: StatsFilters) -> str:
    return f"lotsstatistik-{filters.start.isoformat()}-{filters.end.isoformat()}"


def _presets(today) -> list[dict]:
    start, end = default_period(today)
    return [
        {"label": _("Last 12 months"), "query": urlencode({"start": start, "end": end})},
        {
            "label": _("This year so far"),
            "query": urlencode({"start": date(today.year, 1, 1), "end": today}),
        },
        {
            "label": _("Last year"),
            "query": urlencode(
                {"start": date(today.year - 1, 1, 1), "end": date(today.year - 1, 12, 31)}
            ),
        },
    ]


def _refused(request, form: StatsFilterForm):
    """What was typed, with the errors; no figures for a period that does not exist."""
    context = {"form": form, "active_section": "stats", "presets": _presets(form.today)}
    return render(request, "stats/index.html", context, status=400)


@login_required
def index(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return _refused(request, form)
    context = {"form": form, "active_section": "stats", "presets": _presets(form.today)}
    filters = form.filters()
    with reporting_reads():
        page = statistics_page(user=request.user, filters=filters, today=form.today)
        guarantees = guarantee_figures(page.scope)
    context.update(
        {
            "page": page,
            "filters": filters,
            "query": urlencode(filters.as_query()),
            "tables": all_tables(page),
            "charts": all_charts(page),
            "min_answers": settings.NKI_MIN_ANSWERS,
            "clocks": page.clocks,
            "insikt_nki": page.satisfaction.insikt,
            "guarantees": guarantees,
        }
    )
    return render(request, "stats/index.html", context)


@login_required
def report(request):
    """A one-page summary for the council, for the browser's print (see stats/report.html)."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return _refused(request, form)
    filters = form.filters()
    with reporting_reads():
        page = statistics_page(user=request.user, filters=filters, today=form.today, late_limit=10)
    context = {
        "page": page,
        "filters": filters,
        "query": urlencode(filters.as_query()),
        "tables": all_tables(page),
        "min_answers": settings.NKI_MIN_ANSWERS,
    }
    return render(request, "stats/report.html", context)


def _export_page(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        raise Http404
    filters = form.filters()
    with reporting_reads():
        page = statistics_page(
            user=request.user, filters=filters, today=form.today, late_limit=None
        )
        return filters, all_tables(page)


@login_required
def export_workbook(request):
    filters, tables = _export_page(request)
    return xlsx_response(list(tables.values()), filename=f"{_file_stem(filters)}.xlsx")


@login_required
def export_table(request, table: str, file_format: str):
    if file_format not in ("csv", "xlsx"):
        raise Http404
    filters, tables = _export_page(request)
    if table not in tables:
        raise Http404
    filename = f"{_file_stem(filters)}-{table}.{file_format}"
    if file_format == "csv":
        return csv_response(tables[table], filename=filename)
    return xlsx_response([tables[table]], filename=filename)
