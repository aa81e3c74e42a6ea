"""Routing a case to another department, and that department's answer."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from lotsportal.validators import latest_due_date

from .. import events, permissions
from ..errors import CaseError, NotPermitted, TransitionNotAllowed
from ..models import Case, Referral
from ..workdays import add_working_days
from ..workflow import REROUTABLE_REFERRAL_STATUSES, ReferralStatus, referral_move_allowed
from .cases import lock_case, take_up
from .events import record
from .notify import case_url, department_recipients, notify

DEFAULT_REFERRAL_WORKING_DAYS = 5


def _lock_referral(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "case__company", "department", "case__coordinator")
        .get(pk=referral.pk)
    )


def _move(referral: Referral, to: str) -> None:
    if not referral_move_allowed(referral.status, to):
        raise TransitionNotAllowed(
            _("This referral is “%(status)s” and can no longer be “%(to)s”.")
            % {
                "status": ReferralStatus(referral.status).label,
                "to": ReferralStatus(to).label,
            }
        )
    referral.status = to


def _send_to_department(referral: Referral, case: Case) -> None:
    for address in department_recipients(referral.department):
        notify(
            to=address,
            template="referral_received",
            case=case,
            department=referral.department.name,
            request_text=referral.request_text,
            referral_due_date=referral.due_date.isoformat(),
        )


def _create_referral(
    *, case: Case, department: Department, by, request_text: str, due_date: date | None, **extra
) -> Referral:
    if not department.is_active:
        raise CaseError(_("That department is no longer active."))
    if not request_text.strip():
        raise CaseError(_("Write what you ask the department for."))
    if Referral.objects.open().filter(case=case, department=department).exists():
        raise CaseError(
            _("The case is already routed to %(department)s.") % {"department": department.name}
        )
    today = timezone.localdate()
    due_date = due_date or add_working_days(today, DEFAULT_REFERRAL_WORKING_DAYS)
    if due_date < today:
        raise CaseError(_("The answer date cannot be in the past."))
    if due_date > latest_due_date(today):
        raise CaseError(
            _("The answer date can be at most %(latest)s.") % {"latest": latest_due_date(today)}
        )
    return Referral.objects.create(
        case=case,
        department=department,
        requested_by=by,
        request_text=request_text.strip(),
        due_date=due_date,
        **extra,
    )


@transaction.atomic
def route_case(
    *, case: Case, department: Department, by, request_text: str, due_date: date | None = None
) -> Referral:
    case = lock_case(case)
    if not permissions.can_route(by, case):
        raise NotPermitted()
    referral = _create_referral(
        case=case, department=department, by=by, request_text=request_text, due_date=due_date
    )
    record(events.routed(referral=referral, actor=by))
    _send_to_department(referral, case)
    return referral


@transaction.atomic
def accept_referral(*, referral: Referral, by) -> Referral:
    referral = _lock_referral(referral)
    if not permissions.can_act_on_referral(by, referral):
        raise NotPermitted(_("Only members of the receiving department can take this on."))
    _move(referral, ReferralStatus.ACCEPTED)
    referral.assignee = by
    referral.accepted_at = timezone.now()
    referral.save()
    record(events.referral_accepted(referral=referral, actor=by))
    take_up(lock_case(referral.case), by=by)
    return referral


def _all_answered(case: Case) -> bool:
    return not Referral.objects.open().filter(case=case).exists()


def _tell_coordinator(referral: Referral, by, template: str, **extra) -> None:
    coordinator = referral.case.coordinator
    if coordinator is None or coordinator.pk == by.pk:
        return
    notify(
        to=coordinator.email,
        template=template,
        case=referral.case,
        department=referral.department.name,
        all_answered=_all_answered(referral.case),
        **extra,
    )


@transaction.atomic
def answer_referral(*, referral: Referral, by, answer_text: str) -> Referral:
    referral = _lock_referral(referral)
    if not permissions.can_act_on_referral(by, referral):
        raise NotPermitted(_("Only members of the receiving department can answer."))
    if not answer_text.strip():
        raise CaseError(_("Write an answer."))
    _move(referral, ReferralStatus.ANSWERED)
    now = timezone.now()
    referral.assignee = referral.assignee or by
    referral.answer_text = answer_text.strip()
    referral.answered_at = now
    referral.closed_at = now
    referral.save()
    record(events.referral_answered(referral=referral, actor=by))
    take_up(lock_case(referral.case), by=by)
    _tell_coordinator(referral, by, "referral_answered", answer_text=referral.answer_text)
    return referral


@transaction.atomic
def decline_referral(*, referral: Referral, by, reason: str) -> Referral:
    referral = _lock_referral(referral)
    if not permissions.can_act_on_referral(by, referral):
        raise NotPermitted(_("Only members of the receiving department can decline."))
    if not reason.strip():
        raise CaseError(_("Give a reason for declining."))
    _move(referral, ReferralStatus.DECLINED)
    referral.decline_reason = reason.strip()
    referral.closed_at = timezone.now()
    referral.save()
    record(events.referral_declined(referral=referral, actor=by))
    _tell_coordinator(referral, by, "referral_declined", reason=referral.decline_reason)
    return referral


@transaction.atomic
def withdraw_referral(*, referral: Referral, by) -> Referral:
    referral = _lock_referral(referral)
    if not permissions.can_withdraw_referral(by, referral):
        raise NotPermitted()
    _move(referral, ReferralStatus.WITHDRAWN)
    referral.closed_at = timezone.now()
    referral.save()
    record(events.referral_withdrawn(referral=referral, actor=by))
    return referral


@transaction.atomic
def reroute_referral(
    *, referral: Referral, department: Department, by, request_text: str = ""
) -> Referral:
    """Send the request on to another department; an open referral is withdrawn."""
    referral = _lock_referral(referral)
    case = lock_case(referral.case)
    if not permissions.can_reroute_referral(by, referral):
        raise NotPermitted()
    if referral.status not in REROUTABLE_REFERRAL_STATUSES:
        raise TransitionNotAllowed(_("Only an open or declined referral can be re-routed."))
    if department.pk == referral.department_id:
        raise CaseError(_("Choose another department."))
    if referral.status != ReferralStatus.DECLINED:
        _move(referral, ReferralStatus.WITHDRAWN)
        referral.closed_at = timezone.now()
        referral.save()
    new = _create_referral(
        case=case,
        department=department,
        by=by,
        request_text=request_text or referral.request_text,
        due_date=None,
        rerouted_from=referral,
    )
    record(events.referral_rerouted(referral=new, from_department=referral.department, actor=by))
    _send_to_department(new, case)
    return new


def withdraw_for_merge(*, case: Case, into: Case, by) -> list[Referral]:
    """Withdraw ``case``'s open referrals (through the moves table) because it was merged into
    ``into``: each leaves the department's queue with a ``referral_withdrawn`` event on the
    merged case and a note to the department. Called inside the merge's transaction, after
    the merge's permission check (the one who merges need not have routed them)."""
    withdrawn = []
    open_ones = (
        Referral.objects.open()
        .select_for_update(of=("self",))
        .select_related("department")
        .filter(case=case)
        .order_by("pk")
    )
    for referral in open_ones:
        _move(referral, ReferralStatus.WITHDRAWN)
        referral.closed_at = timezone.now()
        referral.save(update_fields=["status", "closed_at"])
        referral.case = case
        record(events.referral_withdrawn(referral=referral, merged_into=into, actor=by))
        for address in department_recipients(referral.department):
            notify(
                to=address,
                template="referral_withdrawn",
                case=case,
                department=referral.department.name,
                kept_number=into.number,
                kept_url=case_url(into),
            )
        withdrawn.append(referral)
    return withdrawn
