from .activity import Attachment, CaseEvent, EventKind, Message, MessageDirection, Note
from .case import Case, CaseQuerySet, Priority
from .companies import Company, CompanySize, ContactPerson
from .config import (
    CaseSettings,
    CaseType,
    ClockKind,
    DeadlineUnit,
    Door,
    RegistrationCounter,
    StandardText,
    TextUse,
)
from .guarantees import (
    GuaranteeMet,
    GuaranteeOutcome,
    GuaranteeStart,
    GuaranteeState,
    GuaranteeUnit,
    ServiceGuarantee,
)
from .intake import IntakeAnswer, IntakeQuestion, QuestionKind
from .links import CaseLink
from .referral import CaseAccess, Referral, ReferralQuerySet
from .saved_filters import SavedFilter

__all__ = [
    "Attachment",
    "Case",
    "CaseAccess",
    "CaseEvent",
    "CaseLink",
    "CaseQuerySet",
    "CaseSettings",
    "CaseType",
    "ClockKind",
    "Company",
    "CompanySize",
    "ContactPerson",
    "DeadlineUnit",
    "Door",
    "EventKind",
    "GuaranteeMet",
    "GuaranteeOutcome",
    "GuaranteeStart",
    "GuaranteeState",
    "GuaranteeUnit",
    "IntakeAnswer",
    "IntakeQuestion",
    "Message",
    "MessageDirection",
    "Note",
    "Priority",
    "QuestionKind",
    "Referral",
    "ReferralQuerySet",
    "RegistrationCounter",
    "SavedFilter",
    "ServiceGuarantee",
    "StandardText",
    "TextUse",
]
