"""Factories for the cases app. Cases are opened through the service so history is real."""

from __future__ import annotations

import random

import factory

from accounts.models import Role
from cases.identifiers import luhn_check_digit
from cases.models import CaseType, Company, ContactPerson, DeadlineUnit, Door
from cases.services.cases import open_case
from tests.factories import DepartmentFactory, official

_rng = random.Random(4711)


def org_number() -> str:
    """A fresh valid aktiebolag number (5, digits 3–4 ≥ 20, Luhn check digit)."""
    nine = "55" + str(_rng.randint(20, 99)) + "".join(str(_rng.randint(0, 9)) for _ in range(5))
    return f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ("org_number",)

    org_number = factory.LazyFunction(org_number)
    name = factory.Sequence(lambda n: f"Företaget {n} AB")
    city = "Exempelby"
    industry = "Restaurang"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    company = factory.SubFactory(CompanyFactory)
    name = "Kim Företagare"
    role = "VD"
    email = factory.Sequence(lambda n: f"kontakt{n}@foretag.example")
    phone = "0470-123 45"


class CaseTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseType
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Ärendetyp {n}")
    code = factory.Sequence(lambda n: f"typ-{n}")
    lead_department = factory.SubFactory(DepartmentFactory)
    deadline_amount = 10
    deadline_unit = DeadlineUnit.WORKING_DAYS


DOOR_NAMES = {
    "reception": "Reception",
    "phone": "Telefon",
    "email": "E-post",
    "visit": "Besök",
    "company_visit": "Företagsbesök",
    "public_form": "E-tjänst/webbformulär",
    "other": "Annat",
}


def door(code: str = "reception") -> Door:
    """The seeded door (re-created after a transactional test has flushed the tables)."""
    return Door.objects.get_or_create(code=code, defaults={"name": DOOR_NAMES[code]})[0]


def a_case(*, by=None, department=None, case_type=None, company=None, **fields):
    """Open a case through the service as ``by`` (a new official if not given)."""
    if by is None:
        department = department or DepartmentFactory()
        by = official(department, Role.LOTS)
    if department is None:
        department = by.memberships.first().department
    company = company or CompanyFactory()
    contact = fields.pop("contact", None)
    if contact is None:
        contact = ContactFactory(company=company)
    return open_case(
        by=by,
        department=department,
        company=company,
        contact=contact,
        case_type=case_type or CaseTypeFactory(),
        door=fields.pop("door", None) or door(),
        title=fields.pop("title", "Ny restaurang vid torget"),
        description=fields.pop("description", "Vill öppna en restaurang med uteservering."),
        **fields,
    )
