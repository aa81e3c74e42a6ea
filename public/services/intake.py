"""A business owner submits a matter on the public form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cases.identifiers import parse_company_identifier
from cases.models import Case, CaseType, Company, ContactPerson, Door, EventKind
from cases.services.events import record_event
from cases.services.registration import allocate_number, due_date_for, refresh_search_vector
from cases.workflow import CaseStatus

from .. import emails
from ..errors import CaseTypeNotOffered
from ..models import IntakeDetails, PreferredContact
from ..tokens import issue_tracking_token, tracking_url
from .attachments import store_business_attachment

PUBLIC_DOOR = "public_form"


@dataclass(frozen=True)
class Submitted:
    case: Case
    token: str

    @property
    def tracking_url(self) -> str:
        return tracking_url(self.token)


def offered_case_types():
    return CaseType.objects.filter(is_active=True, is_public=True).select_related("lead_department")


def _public_door() -> Door:
    # Seeded by the cases migrations; recreated if an administrator removed it.
    door, _created = Door.objects.get_or_create(
        code=PUBLIC_DOOR, defaults={"name": "E-tjänst/webbformulär"}
    )
    return door


def _company(*, org_number: str, name: str) -> Company:
    identifier = parse_company_identifier(org_number)
    company, created = Company.objects.select_for_update().get_or_create(
        org_number=identifier.value,
        defaults={"identifier_kind": identifier.kind, "name": name.strip()},
    )
    if not created and name.strip() and company.name != name.strip():
        company.name = name.strip()
        company.save(update_fields=["name", "updated_at"])
    return company


def _contact(*, company: Company, name: str, email: str, phone: str) -> ContactPerson:
    contact = company.contacts.filter(email__iexact=email.strip()).order_by("pk").first()
    if contact is None:
        return ContactPerson.objects.create(
            company=company, name=name.strip(), email=email.strip(), phone=phone.strip()
        )
    contact.name = name.strip() or contact.name
    contact.phone = phone.strip() or contact.phone
    contact.save(update_fields=["name", "phone"])
    return contact


@transaction.atomic
def submit_matter(
    *,
    org_number: str,
    company_name: str,
    contact_name: str,
    email: str,
    phone: str = "",
    case_type: CaseType,
    description: str,
    preferred_contact: str = PreferredContact.EMAIL,
    files: Sequence = (),
) -> Submitted:
    """Company, contact, case (door "public form", lead department from the case type),
    attachments, tracking link, receipt and the department's notice: one transaction.

    No coordinator is named: the lead department's queue takes the matter.
    """
    if not offered_case_types().filter(pk=case_type.pk).exists():
        raise CaseTypeNotOffered()
    company = _company(org_number=org_number, name=company_name)
    contact = _contact(company=company, name=contact_name, email=email, phone=phone)
    now = timezone.now()
    today = timezone.localdate(now)
    number, year, sequence = allocate_number(year=today.year)
    department = case_type.lead_department
    case = Case.objects.create(
        number=number,
        year=year,
        sequence=sequence,
        title=f"{case_type.name} – {company.name}"[:200],
        description=description.strip(),
        company=company,
        contact=contact,
        case_type=case_type,
        door=_public_door(),
        opened_by=None,
        opened_in=department,
        coordinator=None,
        lead_department=department,
        status=CaseStatus.NEW,
        due_date=due_date_for(case_type, today),
        created_at=now,
    )
    refresh_search_vector(case)
    record_event(
        case=case,
        kind=EventKind.OPENED,
        actor=None,
        payload={
            "door": case.door.name,
            "department": department.name,
            "case_type": case_type.name,
        },
    )
    IntakeDetails.objects.create(
        case=case, preferred_contact=preferred_contact, consent_given_at=now
    )
    for uploaded_file in files:
        store_business_attachment(case=case, uploaded_file=uploaded_file)
    token = issue_tracking_token(case)
    emails.send_receipt(
        case=case, to=contact.email, contact_name=contact.name, tracking_url=tracking_url(token)
    )
    emails.notify_department_of_new_matter(case=case, department=department)
    return Submitted(case=case, token=token)
