"""DialogLab workshops: the list, a new workshop, its page (agenda of five steps with notes,
invited business owners, insights worked on, ideas recorded)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.errors import CaseError

from .. import permissions, selectors
from ..forms import (
    GuestForm,
    GuestRemoveForm,
    StepForm,
    WorkshopForm,
    WorkshopInsightsForm,
    WorkshopOfficialsForm,
)
from ..models import WORKSHOP_STEPS
from ..services import workshops as service
from .common import form_error, refuse, require_official

SECTION = {"active_section": "development"}
TEMPLATE = "development/workshop_detail.html"


@login_required
def workshop_list(request):
    require_official(request.user)
    page = Paginator(selectors.workshops(), 25).get_page(request.GET.get("page"))
    return render(request, "development/workshop_list.html", {**SECTION, "page": page})


@login_required
def workshop_create(request):
    require_official(request.user)
    form = WorkshopForm(request.POST or None)
    context = {**SECTION, "form": form}
    if request.method != "POST":
        return render(request, "development/workshop_form.html", context)
    if not form.is_valid():
        return form_error(request, "development/workshop_form.html", context)
    try:
        workshop = service.create_workshop(by=request.user, **form.cleaned_data)
    except CaseError as error:
        return refuse(request, error, "development/workshop_form.html", context)
    messages.success(request, _("The workshop is created."))
    return redirect("development:workshop_detail", workshop.pk)


def _context(request, pk: int, guest_form=None) -> dict:
    workshop = selectors.workshop_page(pk)
    labels = dict(WORKSHOP_STEPS)
    steps = [(step, labels[step.number]) for step in workshop.steps.all()]
    return {
        **SECTION,
        "workshop": workshop,
        "steps": steps,
        "can_edit": permissions.can_edit_workshop(request.user, workshop),
        "guest_form": guest_form or GuestForm(),
        "officials_form": WorkshopOfficialsForm(
            initial={"participants": [user.pk for user in workshop.participants.all()]}
        ),
        "insights_form": WorkshopInsightsForm(
            initial={"insights": [i.pk for i in workshop.insights.all()]}
        ),
    }


@login_required
def workshop_detail(request, pk: int):
    require_official(request.user)
    return render(request, TEMPLATE, _context(request, pk))


@login_required
@require_POST
def guest_add(request, pk: int):
    require_official(request.user)
    workshop = selectors.workshop_page(pk)
    form = GuestForm(request.POST)
    if not form.is_valid():
        return form_error(request, TEMPLATE, _context(request, pk, guest_form=form))
    try:
        service.invite_business_owner(workshop=workshop, by=request.user, **form.cleaned_data)
    except CaseError as error:
        return refuse(request, error, TEMPLATE, _context(request, pk, guest_form=form))
    messages.success(request, _("The business owner is added."))
    return redirect("development:workshop_detail", pk)


@login_required
@require_POST
def step_note(request, pk: int):
    require_official(request.user)
    workshop = selectors.workshop_page(pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return form_error(request, TEMPLATE, _context(request, pk))
    try:
        service.note_workshop_step(workshop=workshop, by=request.user, **form.cleaned_data)
    except CaseError as error:
        return refuse(request, error, TEMPLATE, _context(request, pk))
    messages.success(request, _("The notes are saved."))
    return redirect("development:workshop_detail", pk)


@login_required
@require_POST
def insights_set(request, pk: int):
    require_official(request.user)
    workshop = selectors.workshop_page(pk)
    form = WorkshopInsightsForm(request.POST)
    if not form.is_valid():
        return form_error(request, TEMPLATE, _context(request, pk))
    try:
        service.set_workshop_insights(workshop=workshop, by=request.user, **form.cleaned_data)
    except CaseError as error:
        return refuse(request, error, TEMPLATE, _context(request, pk))
    messages.success(request, _("The insights are saved."))
    return redirect("development:workshop_detail", pk)


@login_required
@require_POST
def officials_set(request, pk: int):
    require_official(request.user)
    workshop = selectors.workshop_page(pk)
    form = WorkshopOfficialsForm(request.POST)
    if not form.is_valid():
        return form_error(request, TEMPLATE, _context(request, pk))
    try:
        service.set_workshop_officials(workshop=workshop, by=request.user, **form.cleaned_data)
    except CaseError as error:
        return refuse(request, error, TEMPLATE, _context(request, pk))
    messages.success(request, _("The officials taking part are saved."))
    return redirect("development:workshop_detail", pk)


@login_required
@require_POST
def guest_remove(request, pk: int):
    require_official(request.user)
    workshop = selectors.workshop_page(pk)
    form = GuestRemoveForm(request.POST)
    if not form.is_valid():
        return form_error(request, TEMPLATE, _context(request, pk))
    try:
        service.remove_business_owner(
            workshop=workshop, by=request.user, guest_id=form.cleaned_data["guest"]
        )
    except CaseError as error:
        return refuse(request, error, TEMPLATE, _context(request, pk))
    messages.success(request, _("The business owner is taken off the workshop."))
    return redirect("development:workshop_detail", pk)
