"""Editing a case after opening, and linking or merging cases of the same matter.

Each posts here, calls one service and goes back to the case (or re-renders it with the form
as typed, like ``actions.py``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import forms, permissions, selectors
from ..errors import CaseError
from ..models import Case
from ..services import editing, linking
from .actions import run_action


@login_required
@require_POST
def edit(request, pk: int):
    case = selectors.get_visible_case(request.user, pk)
    response = run_action(
        request,
        pk,
        form=forms.EditCaseForm(request.POST, case=case),
        key="edit",
        action=lambda d: editing.edit_case(
            case=case,
            by=request.user,
            changes=editing.CaseChanges(
                title=d["title"],
                case_type=d["case_type"],
                lead_department=d["lead_department"],
                priority=d["priority"],
                confidential=d["confidential"],
                company=d["org_number"],
            ),
        ),
        success=_("The case is changed."),
    )
    if response.status_code == 302 and not permissions.can_view_case(
        request.user, Case.objects.get(pk=pk)
    ):
        # Made confidential, or led by another department: this user takes no part any more.
        messages.info(request, _("You no longer take part in the case, so it is hidden from you."))
        return redirect("cases:list")
    return response


def _other_case(request, number: str) -> Case:
    other = selectors.find_visible_case_by_number(request.user, number)
    if other is None:
        raise CaseError(_("There is no case with that number."))
    return other


@login_required
@require_POST
def link(request, pk: int):
    case = selectors.get_visible_case(request.user, pk)
    return run_action(
        request,
        pk,
        form=forms.LinkForm(request.POST),
        key="link",
        action=lambda d: linking.link_cases(
            case=case, other=_other_case(request, d["number"]), by=request.user
        ),
        success=_("The cases are linked."),
    )


@login_required
@require_POST
def merge(request, pk: int):
    case = selectors.get_visible_case(request.user, pk)
    return run_action(
        request,
        pk,
        form=forms.MergeForm(request.POST),
        key="merge",
        action=lambda d: linking.merge_case(
            case=case, into=_other_case(request, d["number"]), by=request.user
        ),
        success=_("The case is merged and closed."),
    )
