from .activity import Attachment, CaseEvent, EventKind, Message, MessageDirection, Note
from .case import Case, CaseQuerySet, Priority
from .companies import Company, ContactPerson
from .config import CaseSettings, CaseType, ClockKind, DeadlineUnit, Door, RegistrationCounter
from .referral import Referral, ReferralQuerySet

__all__ = [
    "Attachment",
    "Case",
    "CaseEvent",
    "CaseQuerySet",
    "CaseSettings",
    "CaseType",
    "ClockKind",
    "Company",
    "ContactPerson",
    "DeadlineUnit",
    "Door",
    "EventKind",
    "Message",
    "MessageDirection",
    "Note",
    "Priority",
    "Referral",
    "ReferralQuerySet",
    "RegistrationCounter",
]
