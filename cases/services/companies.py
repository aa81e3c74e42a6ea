"""The company register."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import events, permissions
from ..errors import CaseError, NotPermitted
from ..identifiers import parse_company_identifier
from ..models import Case, Company, CompanySize, ContactPerson
from .cases import lock_case
from .events import record
from .registration import refresh_search_vectors_of_company

# What an official may correct; the number (and its kind) is the company's identity.
UPDATABLE_FIELDS = ("name", "street_address", "postal_code", "city", "industry", "size_class")


class CompanyExists(CaseError):
    default_message = _("A company with that number is already registered.")


def _check_official(by) -> None:
    if not permissions.is_official(by):
        raise NotPermitted()


@transaction.atomic
def create_company(
    *,
    by,
    org_number: str,
    name: str,
    street_address: str = "",
    postal_code: str = "",
    city: str = "",
    industry: str = "",
) -> Company:
    _check_official(by)
    identifier = parse_company_identifier(org_number)
    if Company.objects.filter(org_number=identifier.value).exists():
        raise CompanyExists()
    return Company.objects.create(
        org_number=identifier.value,
        identifier_kind=identifier.kind,
        name=name.strip(),
        street_address=street_address.strip(),
        postal_code=postal_code.strip(),
        city=city.strip(),
        industry=industry.strip(),
    )


@transaction.atomic
def update_company(*, company: Company, by, **fields: str) -> Company:
    """Correct name, address, industry or size class. A new name is at once in the search
    text of every case of the company (the case list finds a case by its company's name)."""
    _check_official(by)
    unknown = set(fields) - set(UPDATABLE_FIELDS)
    if unknown:
        raise TypeError(f"update_company got unknown fields: {sorted(unknown)}")
    company = Company.objects.select_for_update().get(pk=company.pk)
    old_name = company.name
    for field, value in fields.items():
        setattr(company, field, value.strip())
    if company.size_class not in ("", *CompanySize.values):
        raise CaseError(_("Choose one of the size classes."))
    company.save()
    if company.name != old_name:
        refresh_search_vectors_of_company(company)
    return company


@transaction.atomic
def add_contact(
    *, company: Company, by, name: str, role: str = "", email: str = "", phone: str = ""
) -> ContactPerson:
    _check_official(by)
    return ContactPerson.objects.create(
        company=company, name=name.strip(), role=role.strip(), email=email.strip(), phone=phone
    )


@transaction.atomic
def find_or_add_contact(
    *, company: Company, by, name: str, email: str, phone: str = ""
) -> ContactPerson:
    """The company's contact person with this e-mail address (in any case of letters), or a
    new one. The company stays locked to the end of the caller's transaction, so two officials
    adding the same address at once add one contact person."""
    _check_official(by)
    email = email.strip()
    if not email:
        raise CaseError(_("Enter an e-mail address."))
    # NO KEY UPDATE: a case or contact of the company may still be added meanwhile.
    company = Company.objects.select_for_update(no_key=True).get(pk=company.pk)
    known = company.contacts.filter(email__iexact=email).order_by("pk").first()
    if known is not None:
        return known
    return add_contact(company=company, by=by, name=name.strip() or email, email=email, phone=phone)


@transaction.atomic
def set_case_contact(*, case: Case, contact: ContactPerson, by) -> Case:
    """Make ``contact``, a contact person of the case's company, the case's contact person
    (the one messages to the business go to). Naming the one it has already changes nothing."""
    case = lock_case(case)
    if not permissions.can_set_contact(by, case):
        raise NotPermitted()
    if case.anonymised_at is not None:
        raise CaseError(_("The personal data of this case were removed: open a new case instead."))
    if contact.company_id != case.company_id:
        raise CaseError(_("The contact person does not belong to that company."))
    if case.contact_id == contact.pk:
        return case
    case.contact = contact
    case.save(update_fields=["contact"])
    record(events.contact_set(case=case, contact=contact, actor=by))
    return case
