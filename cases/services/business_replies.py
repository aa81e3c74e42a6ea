"""The business replies on its tracking page: its message and files join the case, and a case
that waited for the business is open again. The public door (``public.services.replies``)
calls ``record_business_reply`` and adds the notice to whoever handles the case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import events
from ..errors import CaseClosedForReplies, CaseError
from ..models import Case, Message, MessageDirection
from ..workflow import FINISHED_CASE_STATUSES, CaseStatus
from .attachments import store_attachment
from .cases import lock_case, resume_after_business_reply
from .events import record


@dataclass(frozen=True)
class BusinessReply:
    message: Message
    resumed: bool  # the case waited for the business and is open again


@transaction.atomic
def record_business_reply(*, case: Case, body: str, files: Sequence = ()) -> BusinessReply:
    """The business answers on its tracking page: its message and files join the case.

    A case that waited for the business is open again (its clock runs on). Refused on a
    decided or closed case.
    """
    case = lock_case(case)
    if case.status in FINISHED_CASE_STATUSES:
        raise CaseClosedForReplies()
    if not body.strip():
        raise CaseError(_("Write a message."))
    message = Message.objects.create(
        case=case, direction=MessageDirection.FROM_BUSINESS, author=None, body=body.strip()
    )
    record(
        events.message_received(
            message=message, from_name=case.contact.name if case.contact else ""
        )
    )
    for uploaded_file in files:
        store_attachment(case=case, uploaded_file=uploaded_file, by=None, from_business=True)
    was_waiting = case.status == CaseStatus.WAITING
    resume_after_business_reply(case=case)
    return BusinessReply(message=message, resumed=was_waiting)
