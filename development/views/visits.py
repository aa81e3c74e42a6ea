"""Company visits: the list with the year's goal, planning, a visit's page, held, insights,
a case from an insight, and the companies not visited for a while."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.errors import CaseError
from cases.models import CompanySize
from lotsportal.params import int_param, text_param

from .. import permissions, selectors
from ..forms import (
    InsightForm,
    OpenCaseForm,
    VisitCancelForm,
    VisitEditForm,
    VisitForm,
    VisitHeldForm,
)
from ..services import visits as service
from ..workflow import VisitStatus
from .common import form_error, refuse, require_official

SECTION = {"active_section": "development"}


@login_required
def visit_list(request):
    require_official(request.user)
    year = int_param(request.GET, "year", minimum=2000, maximum=2100) or timezone.localdate().year
    rows = selectors.visits().filter(date__year=year).order_by("-date", "-pk")
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    context = {**SECTION, "page": page, "year": year, "progress": selectors.goal_progress(year)}
    return render(request, "development/visit_list.html", context)


@login_required
def visit_create(request):
    require_official(request.user)
    initial = {"participants": [request.user.pk], "org_number": text_param(request.GET, "org")}
    form = VisitForm(request.POST or None, initial=initial)
    context = {**SECTION, "form": form}
    if request.method != "POST":
        return render(request, "development/visit_form.html", context)
    if not form.is_valid():
        return form_error(request, "development/visit_form.html", context)
    try:
        visit = service.plan_visit(by=request.user, **form.cleaned_data)
    except CaseError as error:
        return refuse(request, error, "development/visit_form.html", context)
    messages.success(request, _("The visit to %(name)s is planned.") % {"name": visit.company.name})
    return redirect("development:visit_detail", visit.pk)


def _visit_context(request, pk: int, **forms) -> dict:
    visit = selectors.visit_page(pk)
    return {
        **SECTION,
        "visit": visit,
        "can_edit": permissions.can_edit_visit(request.user, visit),
        "can_read_notes": permissions.can_read_visit_notes(request.user, visit),
        "held_form": forms.get("held_form") or VisitHeldForm(initial={"notes": visit.notes}),
        "insight_form": forms.get("insight_form") or InsightForm(),
        "cancel_form": forms.get("cancel_form") or VisitCancelForm(),
        "can_cancel": visit.status != VisitStatus.CANCELLED,
    }


@login_required
def visit_detail(request, pk: int):
    require_official(request.user)
    return render(request, "development/visit_detail.html", _visit_context(request, pk))


@login_required
@require_POST
def visit_held(request, pk: int):
    require_official(request.user)
    visit = selectors.visit_page(pk)
    form = VisitHeldForm(request.POST)
    form.is_valid()
    try:
        service.register_visit_held(visit=visit, by=request.user, notes=form.cleaned_data["notes"])
    except CaseError as error:
        context = _visit_context(request, pk, held_form=form)
        return refuse(request, error, "development/visit_detail.html", context)
    messages.success(request, _("The visit is registered as held."))
    return redirect("development:visit_detail", pk)


@login_required
def visit_edit(request, pk: int):
    """Change a planned visit (date, purpose, who takes part), or correct a held visit's
    confidential notes. Only those who may edit the visit; a cancelled visit is not changed."""
    require_official(request.user)
    visit = selectors.visit_page(pk)
    if not permissions.can_edit_visit(request.user, visit):
        raise PermissionDenied
    held = visit.status != VisitStatus.PLANNED
    initial = {
        "date": visit.date,
        "purpose": visit.purpose,
        "participants": [row.user_id for row in visit.taking_part.all()],
        "guests": visit.guests,
        "notes": visit.notes,
    }
    form = VisitEditForm(request.POST or None, initial=initial, held=held)
    context = {**SECTION, "visit": visit, "form": form}
    if request.method != "POST":
        return render(request, "development/visit_edit.html", context)
    if not form.is_valid():
        return form_error(request, "development/visit_edit.html", context)
    try:
        service.edit_visit(visit=visit, by=request.user, **form.cleaned_data)
    except CaseError as error:
        return refuse(request, error, "development/visit_edit.html", context)
    messages.success(request, _("The visit is saved."))
    return redirect("development:visit_detail", pk)


@login_required
@require_POST
def visit_cancel(request, pk: int):
    require_official(request.user)
    visit = selectors.visit_page(pk)
    form = VisitCancelForm(request.POST)
    if not form.is_valid():
        context = _visit_context(request, pk, cancel_form=form)
        return form_error(request, "development/visit_detail.html", context)
    try:
        service.cancel_visit(visit=visit, by=request.user, reason=form.cleaned_data["reason"])
    except CaseError as error:
        context = _visit_context(request, pk, cancel_form=form)
        return refuse(request, error, "development/visit_detail.html", context)
    messages.success(request, _("The visit is cancelled."))
    return redirect("development:visit_detail", pk)


@login_required
def insight_edit(request, pk: int):
    """Correct an insight of a visit (its kind, theme, text, departments)."""
    require_official(request.user)
    insight = selectors.insight_for(pk)
    visit = selectors.visit_page(insight.visit_id)
    if not permissions.can_edit_visit(request.user, visit):
        raise PermissionDenied
    initial = {
        "kind": insight.kind,
        "theme": insight.theme_id,
        "text": insight.text,
        "departments": [d.pk for d in insight.departments.all()],
    }
    form = InsightForm(request.POST or None, initial=initial)
    context = {**SECTION, "insight": insight, "visit": visit, "form": form}
    if request.method != "POST":
        return render(request, "development/insight_edit.html", context)
    if not form.is_valid():
        return form_error(request, "development/insight_edit.html", context)
    try:
        service.edit_insight(insight=insight, by=request.user, **form.cleaned_data)
    except CaseError as error:
        return refuse(request, error, "development/insight_edit.html", context)
    messages.success(request, _("The insight is corrected."))
    return redirect("development:visit_detail", visit.pk)


@login_required
@require_POST
def insight_add(request, pk: int):
    require_official(request.user)
    visit = selectors.visit_page(pk)
    form = InsightForm(request.POST)
    if not form.is_valid():
        context = _visit_context(request, pk, insight_form=form)
        return form_error(request, "development/visit_detail.html", context)
    try:
        service.add_insight(visit=visit, by=request.user, **form.cleaned_data)
    except CaseError as error:
        context = _visit_context(request, pk, insight_form=form)
        return refuse(request, error, "development/visit_detail.html", context)
    messages.success(request, _("The insight is added."))
    return redirect("development:visit_detail", pk)


@login_required
def insight_open_case(request, pk: int):
    require_official(request.user)
    insight = selectors.insight_for(pk)
    form = OpenCaseForm(request.POST or None)
    context = {**SECTION, "insight": insight, "form": form}
    if request.method != "POST":
        return render(request, "development/insight_case.html", context)
    if not form.is_valid():
        return form_error(request, "development/insight_case.html", context)
    try:
        case = service.open_case_from_insight(insight=insight, by=request.user, **form.cleaned_data)
    except CaseError as error:
        return refuse(request, error, "development/insight_case.html", context)
    messages.success(request, _("Case %(number)s is opened.") % {"number": case.number})
    return redirect("cases:detail", case.pk)


@login_required
def not_visited(request):
    require_official(request.user)
    months = (
        int_param(request.GET, "months", minimum=1, maximum=120) or selectors.NOT_VISITED_MONTHS
    )
    industry = text_param(request.GET, "industry")
    area = text_param(request.GET, "area")
    size = text_param(request.GET, "size", max_length=6)
    if size not in CompanySize.values:
        size = ""
    rows = selectors.not_visited(months=months, industry=industry, area=area, size=size)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = urlencode({"months": months, "industry": industry, "area": area, "size": size})
    context = {
        **SECTION,
        "page": page,
        "months": months,
        "industry": industry,
        "area": area,
        "size": size,
        "sizes": CompanySize.choices,
        "query": query,
    }
    return render(request, "development/not_visited.html", context)
