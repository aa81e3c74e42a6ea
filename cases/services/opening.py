"""Opening a case for a business: taken in at the desk or sent on the public form. The one write
path for them: company (new or known), contact person, case, files and history, in one
transaction. (The business's replies on an open case: ``business_replies``.)

The public door (``public.services.submissions``) calls ``submit_public_matter`` and adds its
own records around it (intake details, tracking links, e-mail to the business).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from accounts.models import Department

from ..errors import CaseTypeNotOffered
from ..identifiers import parse_company_identifier
from ..models import (
    Case,
    CaseType,
    Company,
    ContactPerson,
    Door,
    Priority,
)
from ..selectors import offered_case_types
from .attachments import store_attachment
from .cases import open_case, register_case
from .companies import add_contact, create_company
from .intake import GivenAnswer, record_intake_answers

PUBLIC_DOOR = "public_form"


@transaction.atomic
def open_case_for_business(
    *,
    by,
    department: Department,
    company: Company | None,
    new_company: dict | None,
    contact: dict,
    case_type: CaseType,
    door: Door,
    title: str,
    description: str = "",
    priority: str = Priority.NORMAL,
    confidential: bool = False,
    answers: Sequence[GivenAnswer] = (),
) -> Case:
    """Register the company if it is new, reuse or add the contact person, open the case
    with the answers to its case type's intake questions."""
    if company is None:
        company = create_company(by=by, **(new_company or {}))
    person = _contact_for(company=company, by=by, **contact)
    case = open_case(
        by=by,
        department=department,
        company=company,
        contact=person,
        case_type=case_type,
        door=door,
        title=title,
        description=description,
        priority=priority,
        confidential=confidential,
    )
    record_intake_answers(case=case, answers=answers)
    return case


def _contact_for(
    *, company: Company, by, name: str = "", role: str = "", email: str = "", phone: str = ""
) -> ContactPerson | None:
    if not name.strip() and not email.strip():
        return None
    if email.strip():
        known = company.contacts.filter(email__iexact=email.strip()).first()
        if known is not None:
            return known
    return add_contact(
        company=company, by=by, name=name or email, role=role, email=email, phone=phone
    )


def public_door() -> Door:
    # Seeded by the cases migrations; recreated if an administrator removed it.
    door, _created = Door.objects.get_or_create(
        code=PUBLIC_DOOR, defaults={"name": "E-tjänst/webbformulär"}
    )
    return door


@transaction.atomic
def submit_public_matter(
    *,
    org_number: str,
    company_name: str,
    contact_name: str,
    email: str,
    phone: str = "",
    case_type: CaseType,
    description: str,
    files: Sequence = (),
    answers: Sequence[GivenAnswer] = (),
) -> Case:
    """A business sends a matter on the public form, without an account.

    Company by organisationsnummer (a known company is never renamed), contact by e-mail
    within it (a known contact is never changed; a new address for a known company adds no one
    to its register, the case has no contact person and the public door keeps what was typed),
    the case (door "public form", lead department and deadline from the case type, no
    coordinator: the lead department's queue takes it) and the files, in one transaction.
    """
    if not offered_case_types().filter(pk=case_type.pk).exists():
        raise CaseTypeNotOffered()
    company, created = _company_by_number(org_number=org_number, name=company_name)
    contact = _business_contact(
        company=company, new_company=created, name=contact_name, email=email, phone=phone
    )
    case = register_case(
        opened_by=None,
        department=case_type.lead_department,
        company=company,
        contact=contact,
        case_type=case_type,
        door=public_door(),
        title=f"{case_type.name} – {company.name}"[:200],
        description=description,
    )
    record_intake_answers(case=case, answers=answers)
    for uploaded_file in files:
        store_attachment(case=case, uploaded_file=uploaded_file, by=None, from_business=True)
    return case


def _company_by_number(*, org_number: str, name: str) -> tuple[Company, bool]:
    """The registered company, or a new one with the given name (and whether it is new).

    A known company keeps its registered name: anyone who knows an organisationsnummer can
    send the form. The name the business gave stays with the case (the public door keeps it on
    the intake details), and an official updates the register by hand.
    """
    identifier = parse_company_identifier(org_number)
    return Company.objects.get_or_create(
        org_number=identifier.value,
        defaults={"identifier_kind": identifier.kind, "name": name.strip()},
    )


def _business_contact(
    *, company: Company, new_company: bool, name: str, email: str, phone: str
) -> ContactPerson | None:
    """The company's contact with this e-mail address; for a company the form just registered,
    a new one with what the form says; else None.

    Anyone who knows an organisationsnummer can send the form, so it never writes a known
    company's register: a known contact keeps its stored name and phone, and a new address
    adds no contact person that officials might later pick. What the business typed stays
    with the case (the public door keeps it on the intake details); an official adds it to
    the register by hand.
    """
    contact = company.contacts.filter(email__iexact=email.strip()).order_by("pk").first()
    if contact is None and new_company:
        return ContactPerson.objects.create(
            company=company, name=name.strip(), email=email.strip(), phone=phone.strip()
        )
    return contact
