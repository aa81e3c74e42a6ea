"""The builders of the events of what is written on a case: notes, messages to and from the
business, attachments."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..models import (
    Attachment,
    CaseEvent,
    Message,
    Note,
)
from .kinds import (
    ATTACHMENT_ADDED,
    MESSAGE_RECEIVED,
    MESSAGE_SENT,
    NOTE_ADDED,
)
from .payloads import (
    AttachmentAddedPayload,
    MessageReceivedPayload,
    MessageSentPayload,
    NoteAddedPayload,
)

if TYPE_CHECKING:
    from accounts.models import User


@NOTE_ADDED.builds
def note_added(*, note: Note, actor: User | None = None, at: datetime | None = None) -> CaseEvent:
    return NOTE_ADDED.new(
        case=note.case, actor=actor, at=at, payload=NoteAddedPayload(note=note.pk)
    )


@MESSAGE_SENT.builds
def message_sent(
    *, message: Message, to: str, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    """``to`` is the contact person's name."""
    payload = MessageSentPayload(message=message.pk, to=to)
    return MESSAGE_SENT.new(case=message.case, actor=actor, at=at, payload=payload)


@MESSAGE_RECEIVED.builds
def message_received(*, message: Message, from_name: str, at: datetime | None = None) -> CaseEvent:
    """The business wrote (no official is the actor); ``from_name`` is the contact's name."""
    payload: MessageReceivedPayload = {"message": message.pk, "from": from_name}
    return MESSAGE_RECEIVED.new(case=message.case, actor=None, at=at, payload=payload)


@ATTACHMENT_ADDED.builds
def attachment_added(
    *, attachment: Attachment, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    payload = AttachmentAddedPayload(
        attachment=attachment.pk, name=attachment.original_name, size=attachment.size
    )
    if attachment.from_business:
        payload["from_business"] = True
    return ATTACHMENT_ADDED.new(case=attachment.case, actor=actor, at=at, payload=payload)
