"""The business replies on its tracking page, and asks for its links again."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Q

from cases.models import Case, ContactPerson, Message
from cases.services.business_replies import record_business_reply

from .. import emails
from ..models import SubmittedForm
from ..tokens import issue_tracking_token, link_expired, tracking_url
from .once import claim_once_key


@transaction.atomic
def reply_from_business(
    *, case: Case, body: str, files: Sequence = (), once_key: str | None = None
) -> Message | None:
    """The reply through the cases write path
    (``cases.services.business_replies.record_business_reply``: message, files, a waiting case
    open again), then the notice to whoever handles the case.

    ``once_key``: the reply form's one-time key. Sent again, it stores nothing and returns
    None (the reply is already on the case).
    """
    claim = claim_once_key(key=once_key, form=SubmittedForm.REPLY, case=case)
    if claim is not None and claim.replayed:
        return None
    reply = record_business_reply(case=case, body=body, files=files)
    case = Case.objects.select_related(
        "coordinator", "lead_department", "company", "case_type"
    ).get(pk=case.pk)
    emails.notify_reply(
        case=case, body=reply.message.body, attachment_count=len(files), resumed=reply.resumed
    )
    return reply.message


@transaction.atomic
def resend_tracking_links(*, email: str) -> int:
    """New links to every case of this e-mail address whose link still works.

    The caller shows the same answer whatever this returns (no one learns which addresses
    are known). Returns the number of links sent, for tests and logs.
    """
    address = email.strip()
    if not address:
        return 0
    contacts = ContactPerson.objects.filter(email__iexact=address)
    cases = (
        Case.objects.filter(
            Q(contact__in=contacts) | Q(intake_details__contact_email_given__iexact=address)
        )
        .distinct()
        .select_related("case_type", "contact")
        .order_by("-created_at", "-pk")
    )
    links = [
        {
            "case_number": case.number,
            "case_type": case.case_type.name,
            "url": tracking_url(issue_tracking_token(case)),
        }
        for case in cases
        if not link_expired(case)
    ]
    if links:
        emails.send_tracking_links(to=address, links=links)
    return len(links)
