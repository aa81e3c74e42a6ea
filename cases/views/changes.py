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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import forms, permissions, selectors
from ..errors import CaseError
from ..intake_forms import IntakeAnswersForm
from ..models import Case
from ..services import editing, linking
from ..services.intake import change_intake_answers, editable_questions
from ..workflow import FINISHED_CASE_STATUSES
from .actions import case_action

_edit_case = case_action(
    key="edit",
    form=lambda request, case: forms.EditCaseForm(request.POST, case=case),
    action=lambda case, by, d: editing.edit_case(
        case=case,
        by=by,
        changes=editing.CaseChanges(
            title=d["title"],
            case_type=d["case_type"],
            lead_department=d["lead_department"],
            priority=d["priority"],
            confidential=d["confidential"],
            company=d["org_number"],
        ),
    ),
    success=gettext_lazy("The case is changed."),
)


@login_required
@require_POST
def edit(request, pk: int):
    response = _edit_case(request, pk)
    if response.status_code == 302 and not permissions.can_view_case(
        request.user, Case.objects.get(pk=pk)
    ):
        # Made confidential, or led by another department: this user takes no part any more.
        messages.info(request, _("You no longer take part in the case, so it is hidden from you."))
        return redirect("cases:list")
    return response


def _other_case(user, number: str) -> Case:
    other = selectors.find_visible_case_by_number(user, number)
    if other is None:
        raise CaseError(_("There is no case with that number."))
    return other


link = case_action(
    key="link",
    form=lambda request, case: forms.LinkForm(request.POST),
    action=lambda case, by, d: linking.link_cases(
        case=case, other=_other_case(by, d["number"]), by=by
    ),
    success=gettext_lazy("The cases are linked."),
)

merge = case_action(
    key="merge",
    form=lambda request, case: forms.MergeForm(request.POST),
    action=lambda case, by, d: linking.merge_case(
        case=case, into=_other_case(by, d["number"]), by=by
    ),
    success=gettext_lazy("The case is merged and closed."),
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
