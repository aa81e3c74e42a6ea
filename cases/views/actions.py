"""Each action on the case page posts here, calls one service and goes back to the case.

On a mistake the case page is shown again with the form as the user filled it in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import forms, selectors
from ..errors import CaseError
from ..models import Case
from ..services import assignment, communication, referrals
from ..services import cases as case_services
from .detail import render_detail

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def run_action(request, case_pk: int, *, form, key, action, success: str):
    """Validate ``form``; run ``action(data)``; redirect on success, re-render on failure."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except CaseError as error:
            form.add_error(None, str(error))
            messages.error(request, str(error))
        else:
            messages.success(request, success)
            return redirect("cases:detail", case_pk)
    else:
        messages.error(request, _("Please correct the marked fields."))
    return render_detail(
        request, selectors.case_detail(request.user, case_pk), bound={key: form}, status=400
    )


def case_action(
    *,
    key: str,
    form: Callable[[HttpRequest, Case], django_forms.Form],
    action: Callable[[Case, Any, dict[str, Any]], object],
    success: StrOrPromise,
):
    """The POST view of one action on the case page: the case the user may see, the form bound
    by ``form(request, case)``, then ``action(case, user, cleaned_data)`` through ``run_action``
    (back to the case, or the case page again with the form as typed)."""

    @login_required
    @require_POST
    def view(request, pk: int):
        case = selectors.get_visible_case(request.user, pk)
        return run_action(
            request,
            pk,
            form=form(request, case),
            key=key,
            action=lambda d: action(case, request.user, d),
            success=str(success),
        )

    return view


status_change = case_action(
    key="status",
    form=lambda request, case: forms.StatusForm(request.POST, case=case),
    action=lambda case, by, d: case_services.change_status(
        case=case, to=d["to"], by=by, comment=d["comment"], to_business=d["to_business"]
    ),
    success=gettext_lazy("The status is changed."),
)

coordinator_change = case_action(
    key="coordinator",
    form=lambda request, case: forms.CoordinatorForm(request.POST),
    action=lambda case, by, d: case_services.change_coordinator(
        case=case, coordinator=d["coordinator"], by=by
    ),
    success=gettext_lazy("The coordinator is changed."),
)

assign = case_action(
    key="assign",
    form=lambda request, case: forms.AssignForm(request.POST),
    action=lambda case, by, d: assignment.assign_case(case=case, assignee=d["assignee"], by=by),
    success=gettext_lazy("The case is assigned."),
)

route = case_action(
    key="route",
    form=lambda request, case: forms.RouteForm(request.POST),
    action=lambda case, by, d: referrals.route_case(
        case=case,
        department=d["department"],
        by=by,
        request_text=d["request_text"],
        due_date=d["due_date"],
    ),
    success=gettext_lazy("The case is routed."),
)

note = case_action(
    key="note",
    form=lambda request, case: forms.NoteForm(request.POST),
    action=lambda case, by, d: communication.add_note(case=case, by=by, body=d["body"]),
    success=gettext_lazy("The note is saved."),
)

message = case_action(
    key="message",
    form=lambda request, case: forms.MessageForm(request.POST, request.FILES),
    action=lambda case, by, d: communication.send_message_to_business(
        case=case, by=by, body=d["body"], uploaded_file=d["file"]
    ),
    success=gettext_lazy("The message is sent to the business."),
)


REFERRAL_VERBS: dict[str, tuple[type[django_forms.Form] | None, Any]] = {
    # verb in the URL: (form class or None, service call)
    "ta-emot": (None, lambda r, u, d: referrals.accept_referral(referral=r, by=u)),
    "svara": (
        forms.AnswerForm,
        lambda r, u, d: referrals.answer_referral(referral=r, by=u, answer_text=d["answer_text"]),
    ),
    "avbo": (
        forms.DeclineForm,
        lambda r, u, d: referrals.decline_referral(referral=r, by=u, reason=d["reason"]),
    ),
    "aterkalla": (None, lambda r, u, d: referrals.withdraw_referral(referral=r, by=u)),
    "skicka-vidare": (
        forms.RerouteForm,
        lambda r, u, d: referrals.reroute_referral(referral=r, department=d["department"], by=u),
    ),
}

REFERRAL_VERBS["tilldela"] = (
    forms.AssignForm,
    lambda r, u, d: assignment.assign_referral(referral=r, assignee=d["assignee"], by=u),
)

FORM_KEYS = {"svara": "answer", "avbo": "decline", "skicka-vidare": "reroute", "tilldela": "assign"}


def _success_message(verb: str) -> str:
    return {
        "ta-emot": _("You have taken on the referral."),
        "svara": _("Your answer is sent."),
        "avbo": _("The referral is declined."),
        "aterkalla": _("The referral is withdrawn."),
        "skicka-vidare": _("The referral is sent on."),
        "tilldela": _("The referral is assigned."),
    }[verb]


class _NoFields(django_forms.Form):
    pass


@login_required
@require_POST
def referral_action(request, pk: int, verb: str):
    if verb not in REFERRAL_VERBS:
        raise Http404
    referral = selectors.get_visible_referral(request.user, pk)
    form_class, call = REFERRAL_VERBS[verb]
    key = FORM_KEYS.get(verb, verb)
    form: django_forms.Form
    if form_class is None:
        form = _NoFields(request.POST)
    else:
        form = form_class(request.POST, prefix=f"{key}-{referral.pk}")
    return run_action(
        request,
        referral.case_id,
        form=form,
        key=(key, referral.pk),
        action=lambda d: call(referral, request.user, d),
        success=_success_message(verb),
    )
