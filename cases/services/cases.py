"""Opening a case, moving its status and naming its coordinator."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import permissions as roles
from accounts.models import Department

from .. import events, hooks, permissions
from ..errors import CaseError, NotPermitted, TransitionNotAllowed
from ..models import Case, CaseType, ClockKind, Company, ContactPerson, Door, Priority
from ..workdays import add_working_days, working_days_between
from ..workflow import FINISHED_CASE_STATUSES, CaseStatus, case_move_allowed
from .clock_state import reduction_at_decision, start_statutory_clock
from .events import record
from .notify import notify
from .registration import allocate_number, due_date_for, refresh_search_vector


def lock_case(case: Case) -> Case:
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("company", "lead_department", "case_type")
        .get(pk=case.pk)
    )


@transaction.atomic
def open_case(
    *,
    by,
    department: Department,
    company: Company,
    contact: ContactPerson | None,
    case_type: CaseType,
    door: Door,
    title: str,
    description: str = "",
    priority: str = Priority.NORMAL,
    confidential: bool = False,
    coordinator=None,
) -> Case:
    """Whoever takes the matter in owns it: the opener coordinates unless someone is named."""
    if not permissions.can_open_case(by):
        raise NotPermitted()
    if not by.is_superuser and not roles.is_member_of(by, department.pk):
        raise NotPermitted(_("You can only open cases in a department you belong to."))
    if contact is not None and contact.company_id != company.pk:
        raise CaseError(_("The contact person does not belong to that company."))
    coordinator = coordinator or by
    if coordinator.pk != by.pk and not roles.is_official(coordinator):
        raise CaseError(_("The coordinator must be an official of the municipality."))
    case = register_case(
        opened_by=by,
        department=department,
        company=company,
        contact=contact,
        case_type=case_type,
        door=door,
        title=title,
        description=description,
        priority=priority,
        confidential=confidential,
        coordinator=coordinator,
    )
    if coordinator.pk != by.pk:
        notify(to=coordinator.email, template="coordinator_assigned", case=case)
    return case


def register_case(
    *,
    opened_by,
    department: Department,
    company: Company,
    contact: ContactPerson | None,
    case_type: CaseType,
    door: Door,
    title: str,
    description: str = "",
    priority: str = Priority.NORMAL,
    confidential: bool = False,
    coordinator=None,
) -> Case:
    """The one place a case is created: number, deadline, search text and its "opened" event.

    Call inside the caller's transaction, after its checks (``open_case`` for an official,
    ``opening.submit_public_matter`` for the public form, where ``opened_by`` is None).
    """
    now = timezone.now()
    today = timezone.localdate(now)
    number, year, sequence = allocate_number(year=today.year)
    case = Case.objects.create(
        number=number,
        year=year,
        sequence=sequence,
        title=title.strip(),
        description=description.strip(),
        company=company,
        contact=contact,
        case_type=case_type,
        door=door,
        opened_by=opened_by,
        opened_in=department,
        coordinator=coordinator,
        lead_department=case_type.lead_department,
        priority=priority,
        status=CaseStatus.NEW,
        due_date=due_date_for(case_type, today),
        confidential=confidential,
        created_at=now,
        coordinator_named_at=now if coordinator is not None else None,
    )
    if case_type.has_statutory_clock:
        start_statutory_clock(case, received_on=today)
        case.save(update_fields=["statutory_received_on", "statutory_due_date", "due_date"])
    refresh_search_vector(case)
    record(
        events.opened(
            case=case, door=door, department=department, case_type=case_type, actor=opened_by
        )
    )
    return case


@transaction.atomic
def change_status(*, case: Case, to: str, by, comment: str = "", to_business: str = "") -> Case:
    """Move the case; a decision or closing tells the business ``to_business``.

    The text is shown on the business's tracking page and e-mailed to the contact person with
    the link to it. The one who decides or closes a case that has no coordinator becomes it.
    """
    case = lock_case(case)
    if not permissions.can_change_status(by, case):
        raise NotPermitted()
    finishing = to in FINISHED_CASE_STATUSES
    if finishing and case.coordinator_id is None and roles.is_official(by):
        _name_coordinator(case, coordinator=by, by=by)
    case = _move(
        case, to=to, actor=by, comment=comment, to_business=to_business if finishing else ""
    )
    contact = case.contact
    if finishing and to_business.strip() and contact is not None and contact.email:
        notify(
            to=contact.email,
            template="case_finished",
            case=case,
            replies_by_mail=True,
            contact_name=contact.name,
            status=to,
            to_business=to_business.strip(),
            official_name=by.full_name,
            tracking_link_url=hooks.tracking_link_url(case),
        )
    return case


@transaction.atomic
def resume_after_business_reply(*, case: Case) -> Case:
    """The business answered a case that waited for it: the case is open again.

    The same move as an official's "open" (the paused working days go onto the deadline), with
    the business as its cause: no actor, ``by_business`` in the event. Any other status is left
    as it is.
    """
    case = lock_case(case)
    if case.status != CaseStatus.WAITING:
        return case
    return _move(case, to=CaseStatus.OPEN, actor=None, by_business=True)


def take_up(case: Case, *, by) -> Case:
    """The first work on a new case (a referral taken on or answered, a message to the business,
    the coordinator's note) opens it: the move "new → open" of the table, with its event.

    Call inside the caller's transaction with the case locked (``lock_case``). Any other status,
    and an anonymised case, is left as it is.
    """
    if case.status != CaseStatus.NEW or case.anonymised_at is not None:
        return case
    return _move(case, to=CaseStatus.OPEN, actor=by)


def _pause_service_level(case: Case, *, previous: str, to: str, today) -> int | None:
    """The service level pauses while the case waits for the business; PBL's clock does not
    (only a completion request moves it, ``cases.services.clocks``)."""
    paused: int | None = None
    if case.case_type.clock == ClockKind.STATUTORY:
        case.waiting_since = None
        return None
    if previous == CaseStatus.WAITING and case.waiting_since:
        # The clock was paused while the business had the ball: move the deadline on.
        paused = max(working_days_between(case.waiting_since, today), 0)
        case.due_date = add_working_days(case.due_date, paused)
        case.paused_working_days += paused
        case.waiting_since = None
    if to == CaseStatus.WAITING:
        case.waiting_since = today
    return paused


def _refuse_anonymised_or_merged(case: Case, *, to: str) -> None:
    if case.anonymised_at is not None:
        # Its contact, messages and files are gone: a new matter is a new case.
        raise TransitionNotAllowed(
            _("The personal data of this case were removed: open a new case instead.")
        )
    if case.merged_into_id is not None and to != CaseStatus.CLOSED:
        raise TransitionNotAllowed(
            _("This case was merged into another and stays closed: work on the case kept.")
        )


def _move(
    case: Case,
    *,
    to: str,
    actor,
    comment: str = "",
    by_business: bool = False,
    to_business: str = "",
) -> Case:
    """Apply a status move to a locked case and append its event: the one place it is done."""
    _refuse_anonymised_or_merged(case, to=to)
    if not case_move_allowed(case.status, to):
        raise TransitionNotAllowed(
            _("A case cannot go from “%(from)s” to “%(to)s”.")
            % {"from": CaseStatus(case.status).label, "to": CaseStatus(to).label}
        )
    now = timezone.now()
    today = timezone.localdate(now)
    previous = case.status
    paused = _pause_service_level(case, previous=previous, to=to, today=today)
    if to in FINISHED_CASE_STATUSES and case.first_response_at is None:
        # The first answer the business gets: a message, or this decision or closing.
        case.first_response_at = now
    if to == CaseStatus.DECIDED:
        case.decided_at = now
        case.fee_reduction_fifths = reduction_at_decision(case, today)
    elif to == CaseStatus.CLOSED:
        case.closed_at = now
    reopened = to == CaseStatus.OPEN and previous in (CaseStatus.DECIDED, CaseStatus.CLOSED)
    if reopened:
        case.closed_at = None
    case.status = to
    case.save()
    record(
        events.status_changed(
            case=case,
            from_status=previous,
            to_status=to,
            comment=comment,
            by_business=by_business,
            paused_working_days=paused,
            reopened=reopened,
            to_business=to_business,
            actor=actor,
        )
    )
    return case


@transaction.atomic
def change_coordinator(*, case: Case, coordinator, by) -> Case:
    case = lock_case(case)
    if not permissions.can_change_coordinator(by, case):
        raise NotPermitted()
    if not roles.is_official(coordinator) or not coordinator.is_active:
        raise CaseError(_("The coordinator must be an official of the municipality."))
    if case.coordinator_id == coordinator.pk:
        raise CaseError(_("That person already coordinates the case."))
    _name_coordinator(case, coordinator=coordinator, by=by)
    if coordinator.pk != by.pk:
        notify(to=coordinator.email, template="coordinator_assigned", case=case)
    return case


def _name_coordinator(case: Case, *, coordinator, by) -> None:
    previous = case.coordinator
    case.coordinator = coordinator
    case.coordinator_named_at = case.coordinator_named_at or timezone.now()
    case.save(update_fields=["coordinator", "coordinator_named_at"])
    record(
        events.coordinator_changed(case=case, previous=previous, coordinator=coordinator, actor=by)
    )
