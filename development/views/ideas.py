"""Improvement ideas: the list, proposing, an idea's page with its timeline, editing, moving
through the table and publishing."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import ModelChoiceField
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.errors import CaseError
from cases.permissions import visible_cases
from lotsportal.params import int_param

from .. import permissions, selectors
from ..forms import IdeaForm, IdeaMoveForm, NewIdeaForm
from ..models import IdeaSource
from ..services import ideas as service
from ..workflow import IDEA_MOVES, IdeaStatus
from .common import form_error, refuse, require_official

SECTION = {"active_section": "development"}


@login_required
def idea_list(request):
    require_official(request.user)
    status = request.GET.get("status", "")
    status = status if status in IdeaStatus.values else ""
    page = Paginator(selectors.ideas(status), 25).get_page(request.GET.get("page"))
    context = {**SECTION, "page": page, "status": status, "statuses": IdeaStatus.choices}
    return render(request, "development/idea_list.html", context)


def _initial(request) -> dict:
    initial: dict = {"owner": request.user.pk, "source": IdeaSource.OWN}
    if insight := int_param(request.GET, "insight"):
        initial.update(insights=[insight], source=IdeaSource.VISIT)
    if workshop := int_param(request.GET, "workshop"):
        initial.update(workshop=workshop, source=IdeaSource.WORKSHOP)
    if case := int_param(request.GET, "case"):
        initial.update(case=case, source=IdeaSource.CASE)
    return initial


@login_required
def idea_create(request):
    require_official(request.user)
    form = NewIdeaForm(request.POST or None, initial=_initial(request))
    case_field = cast(ModelChoiceField, form.fields["case"])
    case_field.queryset = visible_cases(request.user)
    context = {**SECTION, "form": form}
    if request.method != "POST":
        return render(request, "development/idea_form.html", context)
    if not form.is_valid():
        return form_error(request, "development/idea_form.html", context)
    try:
        idea = service.propose_idea(by=request.user, **form.cleaned_data)
    except CaseError as error:
        return refuse(request, error, "development/idea_form.html", context)
    messages.success(request, _("The idea is proposed."))
    return redirect("development:idea_detail", idea.pk)


def _moves(idea) -> list[tuple[str, Any]]:
    return [(s.value, s.label) for s in IdeaStatus if s.value in IDEA_MOVES[idea.status]]


def _idea_context(request, pk: int, move_form=None) -> dict:
    idea = selectors.idea_page(pk)
    return {
        **SECTION,
        "idea": idea,
        "can_edit": permissions.can_edit_idea(request.user, idea),
        "can_publish": permissions.can_publish(request.user, idea),
        "move_form": move_form or IdeaMoveForm(choices=_moves(idea)),
    }


@login_required
def idea_detail(request, pk: int):
    require_official(request.user)
    return render(request, "development/idea_detail.html", _idea_context(request, pk))


@login_required
def idea_edit(request, pk: int):
    require_official(request.user)
    idea = selectors.idea_page(pk)
    if not permissions.can_edit_idea(request.user, idea):
        messages.error(request, _("Only the idea's owner and its department may change it."))
        return render(
            request, "development/idea_detail.html", _idea_context(request, pk), status=403
        )
    fields = {name: getattr(idea, name) for name in service.EDITABLE_FIELDS}
    form = IdeaForm(request.POST or None, initial=fields)
    context = {**SECTION, "form": form, "idea": idea}
    if request.method != "POST":
        return render(request, "development/idea_form.html", context)
    if not form.is_valid():
        return form_error(request, "development/idea_form.html", context)
    data = {**form.cleaned_data, "owner": form.cleaned_data["owner"] or idea.owner}
    try:
        service.edit_idea(idea=idea, by=request.user, **data)
    except CaseError as error:
        return refuse(request, error, "development/idea_form.html", context)
    messages.success(request, _("The idea is saved."))
    return redirect("development:idea_detail", pk)


@login_required
@require_POST
def idea_move(request, pk: int):
    require_official(request.user)
    idea = selectors.idea_page(pk)
    form = IdeaMoveForm(request.POST, choices=IdeaStatus.choices)
    if not form.is_valid():
        return form_error(request, "development/idea_detail.html", _idea_context(request, pk, form))
    try:
        service.move_idea(idea=idea, by=request.user, **form.cleaned_data)
    except CaseError as error:
        context = _idea_context(request, pk, form)
        return refuse(request, error, "development/idea_detail.html", context)
    messages.success(request, _("The status is changed."))
    return redirect("development:idea_detail", pk)


@login_required
@require_POST
def idea_publish(request, pk: int):
    require_official(request.user)
    idea = selectors.idea_page(pk)
    publish = request.POST.get("published") == "1"
    try:
        service.set_published(idea=idea, by=request.user, published=publish)
    except CaseError as error:
        return refuse(request, error, "development/idea_detail.html", _idea_context(request, pk))
    messages.success(
        request, _("The improvement is published.") if publish else _("The improvement is hidden.")
    )
    return redirect("development:idea_detail", pk)
