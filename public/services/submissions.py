"""A business owner submits a matter on the public form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from cases.models import Case, CaseType
from cases.selectors import offered_case_types
from cases.services.intake import GivenAnswer
from cases.services.opening import PUBLIC_DOOR, submit_public_matter

from .. import emails
from ..models import IntakeDetails, PreferredContact, SubmittedForm
from ..tokens import issue_tracking_token, submission_tracking_token, tracking_url
from .once import claim_once_key, record_claimed_case

__all__ = ["PUBLIC_DOOR", "Submitted", "offered_case_types", "submit_matter"]

# A replay of a sent form shows the receipt with its tracking link for this long (seconds);
# later, the receipt without the link (the business has it by e-mail).
REPLAY_RECEIPT_SECONDS = 3600


@dataclass(frozen=True)
class Submitted:
    case: Case
    token: str  # blank on a late replay: the link is not shown again
    replayed: bool = False  # the same form was sent before: nothing new was stored

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
    answers: Sequence[GivenAnswer] = (),
    once_key: str | None = None,
) -> Submitted:
    """The case through the cases write path (``cases.services.opening.submit_public_matter``),
    then what the public door adds: intake details, tracking link, the receipt to the business
    and the department's notice. One transaction.

    ``answers``: to the case type's intake questions, stored with the case.
    ``once_key``: the form's one-time key. Sent again, the same key stores nothing and gives
    the first send's case and link (``replayed``).
    """
    claim = claim_once_key(key=once_key, form=SubmittedForm.INTAKE)
    if claim is not None and claim.replayed and claim.record.case is not None:
        return _replayed(claim.record.case, sent_at=claim.record.created_at, once_key=once_key)
    case = submit_public_matter(
        org_number=org_number,
        company_name=company_name,
        contact_name=contact_name,
        email=email,
        phone=phone,
        case_type=case_type,
        description=description,
        files=files,
        answers=answers,
    )
    IntakeDetails.objects.create(
        case=case,
        preferred_contact=preferred_contact,
        consent_given_at=case.created_at,
        company_name_given=company_name.strip(),
        contact_name_given=contact_name.strip(),
        contact_phone_given=phone.strip(),
        contact_email_given=email.strip(),
    )
    token = issue_tracking_token(
        case, raw=submission_tracking_token(once_key) if once_key else None
    )
    record_claimed_case(claim, case=case)
    _send_receipt_and_notice(case=case, token=token, email=email, contact_name=contact_name)
    return Submitted(case=case, token=token)


def _replayed(case: Case, *, sent_at: datetime, once_key: str | None) -> Submitted:
    """The first send's case; its tracking link only while the receipt is fresh."""
    age = (timezone.now() - sent_at).total_seconds()
    token = submission_tracking_token(once_key) if once_key else ""
    return Submitted(case=case, token=token if age <= REPLAY_RECEIPT_SECONDS else "", replayed=True)


def _send_receipt_and_notice(*, case: Case, token: str, email: str, contact_name: str) -> None:
    # A new address for a known company leaves the case without a contact person (the
    # register is the officials'): the receipt goes to the address the business typed.
    contact = case.contact
    emails.send_receipt(
        case=case,
        to=contact.email if contact else email.strip(),
        contact_name=contact.name if contact else contact_name.strip(),
        tracking_url=tracking_url(token),
    )
    emails.notify_department_of_new_matter(case=case, department=case.lead_department)
