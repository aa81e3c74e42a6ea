"""Editing a case after opening (its details, its answers to the intake questions), and
linking or merging cases of the same matter.

Each posts here, calls one service and goes back to the case (or re-renders it with the form
as typed, like ``actions.py``). The answers have their own page (the form is as long as the
case type's questions).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import forms, permissions, selectors
from ..errors import CaseError
from ..intake_forms import IntakeAnswersForm
from ..models import Case
from ..services import editing, linking
from ..services.intake import change_intake_answers, editable_questions
from ..workflow import FINISHED_CASE_STATUSES
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


@login_required
@require_http_methods(["GET", "POST"])
def intake_answers(request, pk: int):
    """Correct the answers to the intake questions (``services.intake.change_intake_answers``)."""
    case = selectors.case_with_intake_answers(request.user, pk)
    if not permissions.can_edit_intake_answers(request.user, case):
        raise PermissionDenied
    finished = case.status in FINISHED_CASE_STATUSES
    questions = [] if finished else list(editable_questions(case).values())
    data = request.POST if request.method == "POST" and not finished else None
    form = IntakeAnswersForm(data, case=case, questions=questions)
    status = 200
    if form.is_bound:
        status = 400
        if not form.is_valid():
            messages.error(request, _("Please correct the marked fields."))
        else:
            try:
                change_intake_answers(case=case, by=request.user, answers=form.given())
            except CaseError as error:
                form.add_error(None, str(error))
                messages.error(request, str(error))
            else:
                messages.success(request, _("The answers are changed."))
                return redirect("cases:detail", pk)
    elif request.method == "POST":
        status = 400  # a decided or closed case: the page says why
    context = {"active_section": "cases", "case": case, "form": form, "finished": finished}
    return render(request, "cases/intake_answers_form.html", context, status=status)
