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
from .lots_year import log_visit_activities

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


@transaction.atomic
def add_insight(
    *,
    visit: Visit,
    by: User,
    kind: str,
    theme: Theme,
    text: str,
    departments: Iterable[Department],
) -> Insight:
    visit = _lock_visit(visit)
    if not permissions.can_edit_visit(by, visit):
        raise NotPermitted()
    if not text.strip():
        raise DevelopmentError(_("Write down the insight."))
    insight = Insight.objects.create(
        visit=visit, kind=kind, theme=theme, text=text.strip(), created_by=by
    )
    insight.departments.set(list(departments))
    record(events.insight_added(insight=insight, actor=by))
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
