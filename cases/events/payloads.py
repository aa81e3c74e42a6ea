"""What an event of each kind holds: one ``TypedDict`` per kind (``kinds.py`` pairs them)."""

from __future__ import annotations

from typing import NotRequired, TypedDict


class OpenedPayload(TypedDict):
    door: str
    department: str
    case_type: str


# "from" is a Python keyword: these are declared in the functional form.
StatusChangedPayload = TypedDict(
    "StatusChangedPayload",
    {
        "from": str,
        "to": str,
        "comment": str,
        "by_business": NotRequired[bool],
        "paused_working_days": NotRequired[int],
        "reopened": NotRequired[bool],
        # What the business is told of a decision or closing (tracking page and e-mail).
        "to_business": NotRequired[str],
    },
)


CoordinatorChangedPayload = TypedDict("CoordinatorChangedPayload", {"from": str, "to": str})


# The case itself, or one referral of it (then ``referral`` and ``department`` are set).
AssignedPayload = TypedDict(
    "AssignedPayload",
    {"from": str, "to": str, "referral": NotRequired[int], "department": NotRequired[str]},
)


class ReferralPayload(TypedDict):
    referral: int
    department: str


class ReferralWithdrawnPayload(ReferralPayload, total=False):
    # Set when the referral was withdrawn because its case was merged into this one.
    merged_into: str


class RoutedPayload(ReferralPayload):
    request: str
    due_date: str


class ReferralAnsweredPayload(ReferralPayload):
    answer: str


class ReferralDeclinedPayload(ReferralPayload):
    reason: str


class ReferralReroutedPayload(ReferralPayload):
    from_department: str
    request: str


class NoteAddedPayload(TypedDict):
    note: int


class MessageSentPayload(TypedDict):
    message: int
    to: str


MessageReceivedPayload = TypedDict("MessageReceivedPayload", {"message": int, "from": str})


class _AttachmentAdded(TypedDict):
    attachment: int | None
    name: str
    size: int


# (A class-based TypedDict under ``from __future__ import annotations`` cannot see
# ``NotRequired``: optional keys go in a ``total=False`` subclass.)
class AttachmentAddedPayload(_AttachmentAdded, total=False):
    from_business: bool


class AnonymisedPayload(TypedDict):
    reason: str
    removed: dict[str, int | bool]


class ArchiveExportedPayload(TypedDict):
    package: str  # the information package's id (its METS OBJID and folder name)
    sha256: str  # of the package file as written
    size: int


class ContactSetPayload(TypedDict):
    contact: int
    name: str


class CompletionRequestedPayload(TypedDict):
    asked_on: str
    # Asked within three weeks (PBL 9:27): the period restarts when the documents arrive.
    restarts: bool
    window_closes: str
    what: str


class DocumentsReceivedPayload(TypedDict):
    received_on: str
    own_initiative: bool
    statutory_due_date: str


class StatutoryExtendedPayload(TypedDict):
    weeks: int
    statutory_due_date: str
    to_business: str


class GuaranteeBreachedPayload(TypedDict):
    promise: str
    deadline: str
    # The answering department, for a referral's guarantee ("" for the case's own).
    department: str


class FeeRecordedPayload(TypedDict):
    # Kronor, or None when the recorded fee was removed.
    fee_kronor: int | None


class OutsideQuestionPayload(TypedDict):
    """An outside party (Polisen, Länsstyrelsen...) asked through a private link; the
    question row lives in the app that serves the link (``public.OutsideQuestion``)."""

    question: int
    party: str


class OutsideQuestionSentPayload(OutsideQuestionPayload):
    email: str
    text: str
    expires: str


class _OutsideAnswer(OutsideQuestionPayload):
    answer: str


class OutsideAnswerReceivedPayload(_OutsideAnswer, total=False):
    attachment: int
    file_name: str


FieldChange = TypedDict("FieldChange", {"field": str, "from": str, "to": str})


class CaseEditedPayload(TypedDict):
    # The names of the changed fields (kept) and each change old -> new (personal: a title or
    # a sole trader's name may name a person, so the retention rule blanks the values).
    fields: list[str]
    changes: list[FieldChange] | str


AnswerChange = TypedDict("AnswerChange", {"question": str, "from": str, "to": str})


class IntakeAnswersChangedPayload(TypedDict):
    # The questions whose answers changed (kept) and each answer old -> new (personal: an
    # answer may name a person, so the retention rule blanks them).
    questions: list[str]
    changes: list[AnswerChange] | str


class CaseLinkedPayload(TypedDict):
    case: int
    number: str


class CaseMergedPayload(TypedDict):
    # "kept": ``case`` was merged into this one; "merged": this one was merged into ``case``.
    role: str
    case: int
    number: str
