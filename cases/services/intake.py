"""Taking a matter in at the desk: company (new or known), contact person and case at once."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Department

from ..models import Case, CaseType, Company, ContactPerson, Door, Priority
from .cases import open_case
from .companies import add_contact, create_company


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
) -> Case:
    """Register the company if it is new, reuse or add the contact person, open the case."""
    if company is None:
        company = create_company(by=by, **(new_company or {}))
    person = _contact_for(company=company, by=by, **contact)
    return open_case(
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
