"""Internal notes and messages to the business."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import events, hooks, permissions
from ..errors import CaseError, NotPermitted
from ..models import Case, Message, MessageDirection, Note
from .attachments import store_attachment
from .cases import lock_case, take_up
from .events import record
from .notify import notify


@transaction.atomic
def add_note(*, case: Case, by, body: str) -> Note:
    case = lock_case(case)
    if not permissions.can_add_note(by, case):
        raise NotPermitted()
    if not body.strip():
        raise CaseError(_("Write a note."))
    note = Note.objects.create(case=case, author=by, body=body.strip())
    record(events.note_added(note=note, actor=by))
    if case.coordinator_id == by.pk:
        take_up(case, by=by)
    return note


@transaction.atomic
def send_message_to_business(*, case: Case, by, body: str, uploaded_file=None) -> Message:
    """A message the business reads: e-mailed to the contact person through the outbox.

    The e-mail says where to read and answer it: the case's tracking page, whose link the
    business can ask for again on the public "send me my link" page. ``uploaded_file``: a
    file sent with it (the attachment rules of ``validate_upload``), downloadable there; a
    refused file sends nothing.
    """
    case = lock_case(case)
    if not permissions.can_message(by, case):
        raise NotPermitted()
    if not body.strip():
        raise CaseError(_("Write a message."))
    contact = case.contact
    if contact is None or not contact.email:
        raise CaseError(_("The case has no contact person with an e-mail address."))
    message = Message.objects.create(
        case=case, direction=MessageDirection.TO_BUSINESS, author=by, body=body.strip()
    )
    if case.first_response_at is None:
        case.first_response_at = timezone.now()
        case.save(update_fields=["first_response_at"])
    record(events.message_sent(message=message, to=contact.name, actor=by))
    attachment = None
    if uploaded_file is not None:
        attachment = store_attachment(
            case=case, uploaded_file=uploaded_file, by=by, from_business=False, message=message
        )
    take_up(case, by=by)
    notify(
        to=contact.email,
        template="message_to_business",
        case=case,
        replies_by_mail=True,
        contact_name=contact.name,
        body=message.body,
        official_name=by.full_name,
        file_name=attachment.original_name if attachment else "",
        # Where the business reads and answers it (the public door registers it).
        resend_link_url=hooks.message_link_url(),
    )
    return message
