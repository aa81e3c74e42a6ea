"""A business owner submits a matter on the public form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from cases.models import Case, CaseType
from cases.selectors import offered_case_types
from cases.services.intake import PUBLIC_DOOR, submit_public_matter

from .. import emails
from ..models import IntakeDetails, PreferredContact
from ..tokens import issue_tracking_token, tracking_url

__all__ = ["PUBLIC_DOOR", "Submitted", "offered_case_types", "submit_matter"]


@dataclass(frozen=True)
class Submitted:
    case: Case
    token: str

    @property
    def tracking_url(self) -> str:
        return tracking_url(self.token)


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
    """The case through the cases write path (``cases.services.intake.submit_public_matter``),
    then what the public door adds: intake details, tracking link, the receipt to the business
    and the department's notice. One transaction.
    """
    case = submit_public_matter(
        org_number=org_number,
        company_name=company_name,
        contact_name=contact_name,
        email=email,
        phone=phone,
        case_type=case_type,
        description=description,
        files=files,
    )
    IntakeDetails.objects.create(
        case=case,
        preferred_contact=preferred_contact,
        consent_given_at=case.created_at,
        company_name_given=company_name.strip(),
        contact_name_given=contact_name.strip(),
        contact_phone_given=phone.strip(),
    )
    token = issue_tracking_token(case)
    contact = case.contact
    if contact is None:  # submit_public_matter always sets one; this tells the type checker
        raise RuntimeError("A matter sent on the public form has no contact person.")
    emails.send_receipt(
        case=case, to=contact.email, contact_name=contact.name, tracking_url=tracking_url(token)
    )
    emails.notify_department_of_new_matter(case=case, department=case.lead_department)
    return Submitted(case=case, token=token)
