"""Case list, CSV export, Mitt arbete, opening a case and the case page."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.models import User
from lotsportal.dbrouting import reporting_database
from lotsportal.params import int_param, parse_int, text_param
from lotsportal.spreadsheets import Table, csv_response

from .. import permissions, selectors
from ..errors import CaseError
from ..filters import CaseFilter
from ..forms import OpenCaseForm
from ..models import Case, Company
from ..pagination import COUNT_CAP, capped_count, capped_counts_by, keyset_page
from ..selectors import MY_WORK_SECTIONS
from ..services.opening import open_case_for_business
from ..sorting import chosen_order, sort_headers
from ..workflow import CaseStatus
from .detail import render_detail

PAGE_SIZE = 25
EXPORT_CHUNK_SIZE = 500  # rows fetched from the database at a time while the CSV streams


def _filtered(request, rows=None):
    """The list's filter over the visible cases (``rows``, or the user's); the order is the
    chosen sort's (``cases.sorting``), applied by the page or the export."""
    rows = selectors.case_rows(request.user) if rows is None else rows
    return CaseFilter(request.GET or None, queryset=rows, user=request.user)


@login_required
def case_list(request):
    # The visible cases built once: the filter chains clone it, not build it again.
    visible = selectors.case_table_rows(request.user)
    case_filter = _filtered(request, visible)
    queryset = case_filter.qs
    order = chosen_order(case_filter)
    count, counts, sampled = _counts(case_filter, visible, queryset)
    page = keyset_page(
        queryset, request.GET, size=PAGE_SIZE, count=count, cap=COUNT_CAP, order=order.keyset
    )
    query = request.GET.copy()
    for key in ("page", "after", "before"):
        query.pop(key, None)
    other_filters = query.copy()
    other_filters.pop("status", None)
    status_links = []
    for status in CaseStatus:
        link = other_filters.copy()
        link["status"] = status.value
        n = counts.get(status.value, 0)
        status_links.append((status.label, _shown_count(n), link.urlencode()))
    return render(
        request,
        "cases/case_list.html",
        {
            "active_section": "cases",
            "filter": case_filter,
            "page": page,
            "count_cap": number_format(COUNT_CAP, force_grouping=True),
            "query": query.urlencode(),
            "sort_headers": sort_headers(query, order),
            "status_links": status_links,
            "status_sampled": sampled,
            "may_open": permissions.can_open_case(request.user),
            "saved_filters": selectors.saved_filters_with_counts(request.user),
            "may_save_filter": permissions.can_save_filter(request.user),
        },
    )


def _counts(case_filter, visible, queryset) -> tuple[int, dict[str, int], bool]:
    """The list's total, how the cases matching the other filters divide over the statuses,
    and whether that division is of the newest COUNT_CAP + 1 matches only.

    A search divides its newest COUNT_CAP + 1 matches, read in one walk of the list's order,
    and takes the total from them: exact when fewer match. A common word matches thousands
    of cases, and counting each status to its cap read every match of the rarer statuses
    (at 100,000 cases 180 of the 230 ms of "kafé"). Other lists count each status to its
    cap, one LIMITed index lookup each (one statement), and take the total from them too:
    every case has one of the statuses, so the total is the chosen status's count, or with
    none chosen their sum (past the cap when any of them is). No statement of its own, which
    with a department's filter was one more hash of the department's referrals."""
    rows = case_filter.filtered_without(visible, "status")
    form = case_filter.form
    cleaned = form.cleaned_data if case_filter.is_bound else {}  # validated by filtered_without
    status = cleaned.get("status")
    if not cleaned.get("q"):
        counts = capped_counts_by(rows, "status", CaseStatus.values, cap=COUNT_CAP)
        total = counts.get(status, 0) if status else sum(counts.values())
        return min(total, COUNT_CAP + 1), counts, False
    newest = rows.order_by("-created_at", "-pk").values_list("status", flat=True)
    statuses = list(newest[: COUNT_CAP + 1])
    sampled = len(statuses) > COUNT_CAP
    counts = dict(Counter(statuses[:COUNT_CAP]))
    if not status:
        return len(statuses), counts, sampled
    return (capped_count(queryset) if sampled else counts.get(status, 0)), counts, sampled


def _shown_count(n: int) -> str:
    if n > COUNT_CAP:
        return _("more than %(n)s") % {"n": number_format(COUNT_CAP, force_grouping=True)}
    return number_format(n, force_grouping=True)


@login_required
def case_export(request):
    """Every visible case of the filter as CSV, streamed: the rows are fetched
    ``EXPORT_CHUNK_SIZE`` at a time (a server-side cursor on PostgreSQL) while the body is
    sent, from the reporting database (a replica when one is configured)."""
    case_filter = _filtered(request)
    return export_response(chosen_order(case_filter).apply(case_filter.qs))


def export_response(cases):
    """The cases as the streamed CSV export (the list's filter, or the ticked cases)."""
    cases = cases.using(reporting_database())
    table = Table(
        name="arenden",
        title=_("Cases"),
        headers=[
            _("Case number"),
            _("Title"),
            _("Company"),
            _("Organisationsnummer"),
            _("Case type"),
            _("Came in by"),
            _("Lead department"),
            _("Coordinator"),
            _("Status"),
            _("Priority"),
            _("Opened"),
            _("Due date"),
        ],
        rows=selectors.export_rows(cases, chunk_size=EXPORT_CHUNK_SIZE),
    )
    return csv_response(table, filename=f"arenden-{timezone.localdate().isoformat()}.csv")


@login_required
def my_work(request):
    return render(
        request,
        "cases/my_work.html",
        {
            "active_section": "cases-my",
            "work": selectors.my_work(request.user, _section_pages(request.GET)),
        },
    )


def _section_pages(params) -> dict[str, int]:
    return {name: parse_int(params.get(name), maximum=1000) or 1 for name in MY_WORK_SECTIONS}


@login_required
def case_detail(request, pk: int):
    return render_detail(request, selectors.case_detail(request.user, pk))


@login_required
def case_create(request):
    if not permissions.can_open_case(request.user):
        messages.error(request, _("Only officials who belong to a department can open cases."))
        return redirect("cases:list")
    query = text_param(request.GET, "q")
    found = list(selectors.companies(query)[:20]) if query else []
    if request.method == "POST" and "show_questions" in request.POST:
        # Without JavaScript: the chosen case type's questions, everything typed kept.
        form = OpenCaseForm(initial=request.POST.dict(), user=request.user)
        status = 200
    elif request.method == "POST":
        form = OpenCaseForm(request.POST, user=request.user)
        if form.is_valid() and (case := _open_from_form(form, by=request.user)) is not None:
            messages.success(request, _("Case %(number)s is opened.") % {"number": case.number})
            return redirect(case)
        status = 400
    else:
        form = OpenCaseForm(user=request.user)
        status = 200
    return render(
        request,
        "cases/case_create.html",
        {
            "active_section": "cases",
            "form": form,
            "query": query,
            "found": found,
            "chosen_company": _chosen_company(request, form),
        },
        status=status,
    )


def _open_from_form(form: OpenCaseForm, *, by: User) -> Case | None:
    """The case the valid form describes, opened; None (the error on the form) if refused."""
    data = form.cleaned_data
    try:
        return open_case_for_business(
            by=by,
            department=data["department"],
            company=data["company"],
            new_company={
                "org_number": data["new_org_number"],
                "name": data["new_name"],
                "street_address": data["new_street_address"],
                "postal_code": data["new_postal_code"],
                "city": data["new_city"],
                "industry": data["new_industry"],
            },
            contact={
                "name": data["contact_name"],
                "role": data["contact_role"],
                "email": data["contact_email"],
                "phone": data["contact_phone"],
            },
            case_type=data["case_type"],
            door=data["door"],
            title=data["title"],
            description=data["description"],
            answers=form.answers(),
            priority=data["priority"],
            confidential=data["confidential"],
        )
    except CaseError as error:
        form.add_error(None, str(error))
        return None


def _chosen_company(request: HttpRequest, form: OpenCaseForm) -> Company | None:
    """The company picked on the form (sent back) or by the search's link (``?company=``)."""
    if form.is_bound:
        chosen = parse_int(form["company"].value())
    else:
        chosen = parse_int(form.initial.get("company")) or int_param(request.GET, "company")
    return selectors.companies().filter(pk=chosen).first() if chosen else None
