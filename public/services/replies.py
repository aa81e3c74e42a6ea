"""The business replies on its tracking page, and asks for its links again."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cases.errors import CaseError
from cases.models import Case, ContactPerson, EventKind, Message, MessageDirection
from cases.services.cases import lock_case, resume_after_business_reply
from cases.services.events import record_event
from cases.workflow import FINISHED_CASE_STATUSES, CaseStatus

from .. import emails
from ..errors import CaseClosedForReplies
from ..tokens import issue_tracking_token, link_expired, tracking_url
from .attachments import store_business_attachment


@transaction.atomic
def reply_from_business(*, case: Case, body: str, files: Sequence = ()) -> Message:
    """Append the business's message (and files) to the case; tell whoever handles it.

    A case that waited for the business is open again (its clock runs on).
    """
    case = lock_case(case)
    if case.status in FINISHED_CASE_STATUSES:
        raise CaseClosedForReplies()
    if not body.strip():
        raise CaseError(_("Write a message."))
    message = Message.objects.create(
        case=case, direction=MessageDirection.FROM_BUSINESS, author=None, body=body.strip()
    )
    record_event(
        case=case,
        kind=EventKind.MESSAGE_RECEIVED,
        actor=None,
        payload={"message": message.pk, "from": case.contact.name if case.contact else ""},
    )
    for uploaded_file in files:
        store_business_attachment(case=case, uploaded_file=uploaded_file)
    was_waiting = case.status == CaseStatus.WAITING
    resume_after_business_reply(case=case)
    case = Case.objects.select_related(
        "coordinator", "lead_department", "company", "case_type"
    ).get(pk=case.pk)
    emails.notify_reply(
        case=case, body=message.body, attachment_count=len(files), resumed=was_waiting
    )
    return message


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
        Case.objects.filter(contact__in=contacts)
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
