"""Company visits: plan one, register it as held (with the LOTS-year activities of those who
took part), add its insights, open a business case from an insight."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions as roles
from accounts.models import Department
from cases.identifiers import parse_company_identifier
from cases.models import Case, CaseType, Company, Door
from cases.services.companies import create_company, find_or_add_contact
from cases.services.opening import open_case_for_business

from .. import events, permissions
from ..errors import DevelopmentError, NotPermitted, TransitionNotAllowed
from ..models import Insight, Theme, Visit, VisitParticipant
from ..workflow import VisitStatus, visit_move_allowed
from .history import record
from .lots_year import log_visit_activities, withdraw_visit_activities

if TYPE_CHECKING:
    from accounts.models import User

VISIT_DOOR = "company_visit"


def company_for(*, by: User, org_number: str, name: str) -> Company:
    """The registered company with this number, or a new one (through the cases service)."""
    identifier = parse_company_identifier(org_number)
    company = Company.objects.filter(org_number=identifier.value).first()
    if company is not None:
        return company
    if not name.strip():
        raise DevelopmentError(_("The company is not registered yet: enter its name."))
    return create_company(by=by, org_number=identifier.value, name=name)


def _check_planner(by: User, department: Department) -> None:
    if not permissions.is_official(by):
        raise NotPermitted()
    if not (by.is_superuser or roles.is_member_of(by, department.pk) or roles.is_samordnare(by)):
        raise NotPermitted(_("You can only plan visits for a department you belong to."))


@transaction.atomic
def plan_visit(
    *,
    by: User,
    org_number: str,
    company_name: str = "",
    department: Department,
    date: datetime.date,
    purpose: str = "",
    participants: Iterable[User] = (),
    guests: str = "",
    contact_name: str = "",
    contact_email: str = "",
) -> Visit:
    _check_planner(by, department)
    company = company_for(by=by, org_number=org_number, name=company_name)
    contact = None
    if contact_email.strip():
        contact = find_or_add_contact(
            company=company, by=by, name=contact_name, email=contact_email
        )
    visit = Visit.objects.create(
        company=company,
        contact=contact,
        department=department,
        date=date,
        purpose=purpose.strip(),
        guests="\n".join(line.strip() for line in guests.splitlines() if line.strip()),
        created_by=by,
    )
    people = {user.pk: user for user in participants if roles.is_official(user)}
    VisitParticipant.objects.bulk_create(
        VisitParticipant(visit=visit, user=user) for user in people.values()
    )
    record(events.visit_planned(visit=visit, actor=by))
    return visit


def _lock_visit(visit: Visit) -> Visit:
    return Visit.objects.select_for_update(of=("self",)).select_related("company").get(pk=visit.pk)


@transaction.atomic
def register_visit_held(*, visit: Visit, by: User, notes: str | None = None) -> Visit:
    """The visit took place. Each official who took part gets it logged as a practical
    "company visit" activity of their current LOTS edition, for the coordinator to approve."""
    visit = _lock_visit(visit)
    if not permissions.can_edit_visit(by, visit):
        raise NotPermitted()
    if not visit_move_allowed(visit.status, VisitStatus.HELD):
        if visit.status == VisitStatus.CANCELLED:
            raise TransitionNotAllowed(_("A cancelled visit cannot be registered as held."))
        raise TransitionNotAllowed(_("The visit is already registered as held."))
    if visit.date > timezone.localdate():
        raise DevelopmentError(_("A visit in the future cannot be registered as held."))
    visit.status = VisitStatus.HELD
    fields = ["status"]
    if notes is not None:
        visit.notes = notes.strip()
        fields.append("notes")
    visit.save(update_fields=fields)
    record(events.visit_held(visit=visit, actor=by))
    log_visit_activities(visit=visit)
    return visit


def _clean_guests(guests: str) -> str:
    return "\n".join(line.strip() for line in guests.splitlines() if line.strip())


@transaction.atomic
def edit_visit(
    *,
    visit: Visit,
    by: User,
    date: datetime.date | None = None,
    purpose: str | None = None,
    participants: Iterable[User] | None = None,
    guests: str | None = None,
    notes: str | None = None,
) -> Visit:
    """Change a visit. A planned one: its date, purpose, officials and guests. A held one:
    its confidential notes (the rest happened as it happened). A cancelled one: nothing.
    What changed goes on the visit's timeline."""
    visit = _lock_visit(visit)
    if not permissions.can_edit_visit(by, visit):
        raise NotPermitted()
    if visit.status == VisitStatus.CANCELLED:
        raise TransitionNotAllowed(_("A cancelled visit cannot be changed."))
    changed: list[str] = []
    if visit.status == VisitStatus.PLANNED:
        if date is not None and date != visit.date:
            visit.date = date
            changed.append("date")
        if purpose is not None and purpose.strip() != visit.purpose:
            visit.purpose = purpose.strip()
            changed.append("purpose")
        if guests is not None and _clean_guests(guests) != visit.guests:
            visit.guests = _clean_guests(guests)
            changed.append("guests")
    elif any(value is not None for value in (date, purpose, guests, participants)):
        for name, value in (("date", date), ("purpose", purpose), ("guests", guests)):
            if value is not None and value != getattr(visit, name):
                raise DevelopmentError(
                    _("A held visit's date, purpose and participants cannot be changed.")
                )
    if notes is not None and notes.strip() != visit.notes:
        visit.notes = notes.strip()
        changed.append("notes")
    if changed:
        visit.save(update_fields=changed)
    if participants is not None:
        wanted = {user.pk for user in participants if roles.is_official(user)}
        current = set(visit.taking_part.values_list("user_id", flat=True))
        if wanted != current:
            if visit.status != VisitStatus.PLANNED:
                raise DevelopmentError(
                    _("A held visit's date, purpose and participants cannot be changed.")
                )
            visit.taking_part.filter(user_id__in=current - wanted).delete()
            VisitParticipant.objects.bulk_create(
                VisitParticipant(visit=visit, user_id=pk) for pk in wanted - current
            )
            changed.append("participants")
    if changed:
        record(events.visit_edited(visit=visit, fields=changed, actor=by))
    return visit


@transaction.atomic
def cancel_visit(*, visit: Visit, by: User, reason: str) -> Visit:
    """Cancel a visit, saying why (through the moves table). It no longer counts toward the
    goal; LOTS-year activities logged for it and not yet approved are withdrawn, approved ones
    stay and the coordinators are told."""
    visit = _lock_visit(visit)
    if not permissions.can_edit_visit(by, visit):
        raise NotPermitted()
    if not visit_move_allowed(visit.status, VisitStatus.CANCELLED):
        raise TransitionNotAllowed(_("The visit is already cancelled."))
    if not reason.strip():
        raise DevelopmentError(_("Say why the visit is cancelled."))
    from_status = visit.status
    visit.status = VisitStatus.CANCELLED
    visit.cancel_reason = reason.strip()
    visit.save(update_fields=["status", "cancel_reason"])
    withdrawn, kept = withdraw_visit_activities(visit=visit, reason=visit.cancel_reason)
    record(
        events.visit_cancelled(
            visit=visit,
            from_status=from_status,
            reason=visit.cancel_reason,
            withdrawn=withdrawn,
            kept=kept,
            actor=by,
        )
    )
    return visit


@transaction.atomic
def edit_insight(
    *,
    insight: Insight,
    by: User,
    kind: str,
    theme: Theme,
    text: str,
    departments: Iterable[Department],
) -> Insight:
    """Correct an insight of a visit; what changed goes on the visit's timeline."""
    insight = (
        Insight.objects.select_for_update(of=("self",)).select_related("visit").get(pk=insight.pk)
    )
    visit = _lock_visit(insight.visit)
    if not permissions.can_edit_visit(by, visit):
        raise NotPermitted()
    if visit.status == VisitStatus.CANCELLED:
        raise TransitionNotAllowed(_("A cancelled visit cannot be changed."))
    if not text.strip():
        raise DevelopmentError(_("Write down the insight."))
    changed = []
    if kind != insight.kind:
        insight.kind = kind
        changed.append("kind")
    if theme.pk != insight.theme_id:
        insight.theme = theme
        changed.append("theme")
    if text.strip() != insight.text:
        insight.text = text.strip()
        changed.append("text")
    if changed:
        insight.save(update_fields=changed)
    wanted = {department.pk for department in departments}
    if wanted != set(insight.departments.values_list("pk", flat=True)):
        insight.departments.set(list(wanted))
        changed.append("departments")
    if changed:
        insight.visit = visit
        record(events.insight_edited(insight=insight, fields=changed, actor=by))
    return insight


@transaction.atomic
def add_insight(
    *,
    visit: Visit,
    by: User,
    kind: str,
    theme: Theme,
    text: str,
    departments: Iterable[Department],
    at: datetime.datetime | None = None,
) -> Insight:
    """``at``: when the insight was brought home (the demo seed dates it on its visit's day);
    now by default."""
    visit = _lock_visit(visit)
    if not permissions.can_edit_visit(by, visit):
        raise NotPermitted()
    if visit.status == VisitStatus.CANCELLED:
        raise TransitionNotAllowed(_("A cancelled visit cannot be changed."))
    if not text.strip():
        raise DevelopmentError(_("Write down the insight."))
    insight = Insight.objects.create(
        visit=visit,
        kind=kind,
        theme=theme,
        text=text.strip(),
        created_by=by,
        created_at=at or timezone.now(),
    )
    insight.departments.set(list(departments))
    record(events.insight_added(insight=insight, actor=by, at=at))
    return insight


def visit_door() -> Door:
    # Seeded by the cases migrations; recreated if an administrator removed it.
    door, _created = Door.objects.get_or_create(code=VISIT_DOOR, defaults={"name": "Företagsbesök"})
    return door


@transaction.atomic
def open_case_from_insight(
    *, insight: Insight, by: User, case_type: CaseType, department: Department, title: str = ""
) -> Case:
    """A business case for the visited company, at the door "Företagsbesök", linked back."""
    insight = (
        Insight.objects.select_for_update(of=("self",))
        .select_related("visit__company", "visit__contact", "theme")
        .get(pk=insight.pk)
    )
    if insight.case_id is not None:
        raise DevelopmentError(_("A case has already been opened from this insight."))
    visit = insight.visit
    contact = visit.contact
    case = open_case_for_business(
        by=by,
        department=department,
        company=visit.company,
        new_company=None,
        contact={"name": contact.name, "email": contact.email} if contact else {},
        case_type=case_type,
        door=visit_door(),
        title=(title.strip() or f"{insight.theme.name}: {insight.text}")[:200],
        description=insight.text,
    )
    insight.case = case
    insight.save(update_fields=["case"])
    record(events.case_opened(insight=insight, case=case, actor=by))
    return case
