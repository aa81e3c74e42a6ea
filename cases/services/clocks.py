"""The statutory clock's verbs (PBL 9 kap. 27 §): ask for completion, documents received,
extend once. The counting itself is ``cases.clocks``; these store its answers on the case.

For a case type whose clock is only statutory the case's ``due_date`` (what lists, reminders
and the statistics' "kept" read) is the statutory deadline; with both clocks ``due_date`` stays
the service level and ``statutory_due_date`` is followed beside it.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import events, permissions
from ..clocks import StatutoryClock, asked_in_time, completion_window_closes
from ..errors import CaseError, NotPermitted
from ..models import Case
from ..workflow import FINISHED_CASE_STATUSES
from .cases import lock_case
from .clock_state import apply_clock as _apply
from .clock_state import clock_of
from .events import record
from .notify import notify


def _locked_clock(case: Case, by) -> tuple[Case, StatutoryClock]:
    case = lock_case(case)
    if not permissions.can_run_clock(by, case):
        raise NotPermitted()
    clock = clock_of(case)
    if clock is None:
        raise CaseError(_("This case type runs no statutory clock."))
    if case.status in FINISHED_CASE_STATUSES:
        raise CaseError(_("The case is finished: its statutory clock has stopped."))
    return case, clock


@transaction.atomic
def record_fee(*, case: Case, by, fee_kronor: int | None) -> Case:
    """The fee charged (kronor), so the fee reduction is also shown in kronor. May be set or
    corrected after the decision too (the reduction itself is fixed at the decision)."""
    case = lock_case(case)
    if not permissions.can_run_clock(by, case):
        raise NotPermitted()
    if clock_of(case) is None:
        raise CaseError(_("This case type runs no statutory clock."))
    if fee_kronor is not None and fee_kronor < 0:
        raise CaseError(_("The fee cannot be negative."))
    if case.fee_kronor == fee_kronor:
        raise CaseError(_("That fee is already recorded."))
    case.fee_kronor = fee_kronor
    case.save(update_fields=["fee_kronor"])
    record(events.fee_recorded(case=case, fee_kronor=fee_kronor, actor=by))
    return case


def _day(value: date | None, *, not_before: date) -> date:
    today = timezone.localdate()
    day = value or today
    if day > today:
        raise CaseError(_("The date cannot be in the future."))
    if day < not_before:
        raise CaseError(_("The date cannot be before %(day)s.") % {"day": not_before.isoformat()})
    return day


@transaction.atomic
def ask_for_completion(*, case: Case, by, asked_on: date | None = None, what: str = "") -> Case:
    """A föreläggande: within three weeks of the complete application it restarts the period
    from the day the documents arrive; later it moves nothing (it is still recorded)."""
    case, clock = _locked_clock(case, by)
    if clock.waiting_for_documents:
        raise CaseError(_("Completion is already asked for and not yet received."))
    if case.completion_asked_on is not None:
        raise CaseError(_("Completion was asked for already on this application."))
    day = _day(asked_on, not_before=clock.received_on)
    case.completion_asked_on = day
    _apply(case)
    case.save()
    record(
        events.completion_requested(
            case=case,
            asked_on=day,
            restarts=asked_in_time(clock.received_on, day),
            window_closes=completion_window_closes(clock.received_on),
            what=what,
            actor=by,
        )
    )
    return case


@transaction.atomic
def record_documents_received(
    *, case: Case, by, received_on: date | None = None, own_initiative: bool = False
) -> Case:
    """Documents came in. Those asked for in time start the period again from this day; a
    supplement on the applicant's own initiative (nothing asked for) is the new start day."""
    case, clock = _locked_clock(case, by)
    if own_initiative:
        if case.completion_asked_on is not None:
            raise CaseError(
                _("Completion was asked for: record the documents as the ones asked for.")
            )
        case.statutory_received_on = _day(received_on, not_before=clock.received_on)
        day = case.statutory_received_on
    else:
        if case.completion_asked_on is None or case.completion_received_on is not None:
            raise CaseError(_("No completion is awaited."))
        day = _day(received_on, not_before=case.completion_asked_on)
        case.completion_received_on = day
    _apply(case)
    case.save()
    record(
        events.documents_received(
            case=case,
            received_on=day,
            own_initiative=own_initiative,
            statutory_due_date=case.statutory_due_date,
            actor=by,
        )
    )
    return case


@transaction.atomic
def extend_statutory_period(*, case: Case, by, weeks: int, to_business: str) -> Case:
    """Once, by at most the period itself, before it runs out; the applicant is told why."""
    case, clock = _locked_clock(case, by)
    if not clock.may_extend:
        raise CaseError(_("The statutory period can be extended only once."))
    if not 1 <= weeks <= clock.weeks:
        raise CaseError(_("The extension is 1 to %(weeks)s weeks.") % {"weeks": clock.weeks})
    due = clock.due_date
    if due is None:
        raise CaseError(_("No statutory period runs while the documents asked for are awaited."))
    if timezone.localdate() > due:
        raise CaseError(_("The statutory period has run out: it can no longer be extended."))
    if not to_business.strip():
        raise CaseError(_("Tell the applicant why the period is extended."))
    case.statutory_extension_weeks = weeks
    _apply(case)
    case.save()
    assert case.statutory_due_date is not None  # noqa: S101 (a running clock has a due date)
    record(
        events.statutory_extended(
            case=case,
            weeks=weeks,
            statutory_due_date=case.statutory_due_date,
            to_business=to_business,
            actor=by,
        )
    )
    contact = case.contact
    if contact is not None and contact.email:
        notify(
            to=contact.email,
            template="statutory_extended",
            case=case,
            contact_name=contact.name,
            weeks=weeks,
            statutory_due_date=case.statutory_due_date.isoformat(),
            to_business=to_business.strip(),
        )
    return case
