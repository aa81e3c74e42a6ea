"""The writer's first part: reference data and people, found by their natural keys and made
only when missing, so a second run (or a database seeded with ``seed_demo``) is reused.

These are the generator's own writes (``demo/services/``): the portal has no service that
creates departments, users or companies in bulk, and the demo is not an official's action.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from accounts.models import Department, Membership, User
from cases.choices import forget_choices
from cases.models import CaseSettings, CaseType, Company, ContactPerson, Door, ServiceGuarantee

from .. import texts
from ..plan_extras import CompanyPlan, OfficialPlan
from ..world import ADMIN, DEMO_DOMAIN, DEMO_PASSWORD, DEPARTMENTS, PEOPLE, demo_email

BATCH = 2000
DOORS = importlib.import_module("cases.migrations.0002_seed_doors").DOORS


@dataclass(frozen=True)
class Reference:
    departments: dict[str, Department]
    doors: dict[str, Door]
    types: dict[str, CaseType]


def ensure_reference_data() -> Reference:
    """Departments, doors and case types by code. An administrator's later changes (say a
    shorter deadline) are kept: the generator follows what is configured."""
    for code, name, inbox in DEPARTMENTS:
        Department.objects.get_or_create(
            code=code, defaults={"name": name, "inbox_email": demo_email(inbox)}
        )
    departments = {d.code: d for d in Department.objects.filter(code__in=_codes(DEPARTMENTS))}
    for position, (code, name) in enumerate(DOORS, start=1):
        Door.objects.get_or_create(code=code, defaults={"name": name, "position": position})
    doors = {d.code: d for d in Door.objects.filter(code__in=_codes(DOORS))}
    for position, (code, name, lead, amount, unit, public) in enumerate(texts.CASE_TYPES, 1):
        CaseType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "lead_department": departments[lead],
                "deadline_amount": amount,
                "deadline_unit": unit,
                "public_description": public,
                "position": position,
                **dict(texts.CASE_TYPE_CLOCKS.get(code, {})),
            },
        )
    types = CaseType.objects.filter(code__in=_codes(texts.CASE_TYPES))
    _ensure_guarantees({t.code: t for t in types})
    CaseSettings.load()
    return Reference(
        departments, doors, {t.code: t for t in types.select_related("lead_department")}
    )


def _ensure_guarantees(types: dict[str, CaseType]) -> None:
    for position, (promise, code, starts, met_by, amount, unit) in enumerate(
        texts.SERVICE_GUARANTEES, 1
    ):
        ServiceGuarantee.objects.get_or_create(
            promise=promise,
            defaults={
                "case_type": types.get(code) if code else None,
                "starts": starts,
                "met_by": met_by,
                "amount": amount,
                "unit": unit,
                "position": position,
            },
        )


def _codes(rows) -> list[str]:
    return [row[0] for row in rows]


def _ensure_demo_user(local: str, full_name: str, title: str, **flags) -> User:
    """A named demo person with the published password (reset when it was changed)."""
    wanted = {"full_name": full_name, "title": title, "is_active": True, **flags}
    user, created = User.objects.get_or_create(email=demo_email(local), defaults=wanted)
    changed = created or any(getattr(user, key) != value for key, value in wanted.items())
    for key, value in wanted.items():
        setattr(user, key, value)
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        changed = True
    if changed:
        user.save()
    return user


def ensure_demo_people(departments: dict[str, Department]) -> None:
    """The demo municipality's named officials, their roles, and the administrator."""
    for local, full_name, title, places in PEOPLE:
        user = _ensure_demo_user(local, full_name, title)
        for code, role in places:
            Membership.objects.update_or_create(
                user=user, department=departments[code], defaults={"role": role}
            )
    local, full_name, title = ADMIN
    _ensure_demo_user(local, full_name, title, is_staff=True, is_superuser=True)


def ensure_officials(
    departments: dict[str, Department], people: list[OfficialPlan]
) -> dict[str, list[tuple[int, str]]]:
    """Generated officials (unusable password) and their memberships; existing ones reused.
    Returns ``{department code: [(user id, role), ...]}`` in the plan's order."""
    emails = [person.email for person in people]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(email=p.email, full_name=p.full_name, title=p.title, password=unusable)
            for p in people
            if p.email not in existing
        ],
        batch_size=BATCH,
    )
    ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    have = set(
        Membership.objects.filter(user_id__in=ids.values()).values_list("user_id", flat=True)
    )
    Membership.objects.bulk_create(
        [
            Membership(user_id=ids[p.email], department=departments[p.department], role=p.role)
            for p in people
            if ids[p.email] not in have
        ],
        batch_size=BATCH,
    )
    forget_choices("officials")  # bulk_create sends no post_save
    result: dict[str, list[tuple[int, str]]] = {code: [] for code in departments}
    for person in people:
        result[person.department].append((ids[person.email], person.role))
    return result


def demo_staff() -> dict[str, list[tuple[int, str]]]:
    """The named demo officials by department: ``{code: [(user id, role), ...]}``."""
    rows = Membership.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}", user__is_active=True)
    result: dict[str, list[tuple[int, str]]] = {}
    for code, pk, role in rows.order_by("department__code", "user__email").values_list(
        "department__code", "user_id", "role"
    ):
        result.setdefault(code, []).append((pk, role))
    return result


@dataclass(frozen=True)
class CompanyRow:
    company_id: int
    contact_id: int
    name: str
    contact_name: str
    contact_email: str
    contact_phone: str


def _company(plan: CompanyPlan) -> Company:
    return Company(
        org_number=plan.org_number,
        identifier_kind=plan.identifier_kind,
        name=plan.name,
        street_address=plan.street_address,
        postal_code=plan.postal_code,
        city=plan.city,
        industry=plan.industry,
        size_class=plan.size_class,
    )


def ensure_companies(plans: list[CompanyPlan]) -> list[CompanyRow]:
    """The planned companies, each with its contact person; existing ones reused."""
    numbers = [plan.org_number for plan in plans]
    existing = set(
        Company.objects.filter(org_number__in=numbers).values_list("org_number", flat=True)
    )
    Company.objects.bulk_create(
        [_company(p) for p in plans if p.org_number not in existing], batch_size=BATCH
    )
    companies = dict(
        (number, (pk, name))
        for number, pk, name in Company.objects.filter(org_number__in=numbers).values_list(
            "org_number", "pk", "name"
        )
    )
    have = set(
        ContactPerson.objects.filter(
            company_id__in=[pk for pk, _ in companies.values()]
        ).values_list("company_id", flat=True)
    )
    ContactPerson.objects.bulk_create(
        [
            ContactPerson(
                company_id=companies[p.org_number][0],
                name=p.contact_name,
                role=p.contact_role,
                email=p.contact_email,
                phone=p.contact_phone,
            )
            for p in plans
            if companies[p.org_number][0] not in have
        ],
        batch_size=BATCH,
    )
    contacts: dict[int, tuple[int, str, str, str]] = {}
    for company_id, pk, name, email, phone in (
        ContactPerson.objects.filter(company_id__in=[pk for pk, _ in companies.values()])
        .order_by("pk")
        .values_list("company_id", "pk", "name", "email", "phone")
    ):
        contacts.setdefault(company_id, (pk, name, email, phone))
    rows = []
    for number in numbers:
        company_id, name = companies[number]
        contact_id, contact_name, email, phone = contacts[company_id]
        rows.append(CompanyRow(company_id, contact_id, name, contact_name, email, phone))
    return rows
