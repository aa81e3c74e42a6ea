from .activity import Attachment, CaseEvent, EventKind, Message, MessageDirection, Note
from .case import Case, CaseQuerySet, Priority
from .companies import Company, ContactPerson
from .config import CaseSettings, CaseType, DeadlineUnit, Door, RegistrationCounter
from .referral import CaseAccess, Referral, ReferralQuerySet

__all__ = [
    "Attachment",
    "Case",
    "CaseAccess",
    "CaseEvent",
    "CaseQuerySet",
    "CaseSettings",
    "CaseType",
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
