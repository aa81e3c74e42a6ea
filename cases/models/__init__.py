from .activity import Attachment, CaseEvent, EventKind, Message, MessageDirection, Note
from .case import Case, CaseQuerySet, Priority
from .companies import Company, ContactPerson
from .config import (
    CaseSettings,
    CaseType,
    DeadlineUnit,
    Door,
    RegistrationCounter,
    StandardText,
    TextUse,
)
from .links import CaseLink
from .referral import Referral, ReferralQuerySet

__all__ = [
    "Attachment",
    "Case",
    "CaseEvent",
    "CaseLink",
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
    "StandardText",
    "TextUse",
]
