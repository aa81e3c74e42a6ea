"""Every kind of timeline event, in one list: its payload, its personal keys (blanked by the
retention rule) and whether the business sees it on its tracking page."""

from __future__ import annotations

from ..models import EventKind
from .payloads import (
    AnonymisedPayload,
    ArchiveExportedPayload,
    AssignedPayload,
    AttachmentAddedPayload,
    CaseEditedPayload,
    CaseLinkedPayload,
    CaseMergedPayload,
    CompletionRequestedPayload,
    ContactSetPayload,
    CoordinatorChangedPayload,
    DocumentsReceivedPayload,
    FeeRecordedPayload,
    GuaranteeBreachedPayload,
    IntakeAnswersChangedPayload,
    MessageReceivedPayload,
    MessageSentPayload,
    NoteAddedPayload,
    OpenedPayload,
    OutsideAnswerReceivedPayload,
    OutsideQuestionPayload,
    OutsideQuestionSentPayload,
    ReferralAnsweredPayload,
    ReferralDeclinedPayload,
    ReferralPayload,
    ReferralReroutedPayload,
    ReferralWithdrawnPayload,
    RoutedPayload,
    StatusChangedPayload,
    StatutoryExtendedPayload,
)
from .registry import REGISTRY, define

OPENED = define(EventKind.OPENED, OpenedPayload, public=True)
STATUS_CHANGED = define(
    EventKind.STATUS_CHANGED,
    StatusChangedPayload,
    personal=("comment", "to_business"),
    public=True,
)
COORDINATOR_CHANGED = define(EventKind.COORDINATOR_CHANGED, CoordinatorChangedPayload)
ROUTED = define(EventKind.ROUTED, RoutedPayload, personal=("request",))
REFERRAL_ACCEPTED = define(EventKind.REFERRAL_ACCEPTED, ReferralPayload)
REFERRAL_ANSWERED = define(
    EventKind.REFERRAL_ANSWERED, ReferralAnsweredPayload, personal=("answer",)
)
REFERRAL_DECLINED = define(
    EventKind.REFERRAL_DECLINED, ReferralDeclinedPayload, personal=("reason",)
)
REFERRAL_WITHDRAWN = define(EventKind.REFERRAL_WITHDRAWN, ReferralWithdrawnPayload)
REFERRAL_REROUTED = define(
    EventKind.REFERRAL_REROUTED, ReferralReroutedPayload, personal=("request",)
)
NOTE_ADDED = define(EventKind.NOTE_ADDED, NoteAddedPayload)
MESSAGE_SENT = define(EventKind.MESSAGE_SENT, MessageSentPayload, personal=("to",), public=True)
MESSAGE_RECEIVED = define(
    EventKind.MESSAGE_RECEIVED, MessageReceivedPayload, personal=("from",), public=True
)
ATTACHMENT_ADDED = define(EventKind.ATTACHMENT_ADDED, AttachmentAddedPayload, personal=("name",))
ANONYMISED = define(EventKind.ANONYMISED, AnonymisedPayload)
CONTACT_SET = define(EventKind.CONTACT_SET, ContactSetPayload, personal=("name",))
ARCHIVE_EXPORTED = define(EventKind.ARCHIVE_EXPORTED, ArchiveExportedPayload)
GUARANTEE_BREACHED = define(EventKind.GUARANTEE_BREACHED, GuaranteeBreachedPayload)
FEE_RECORDED = define(EventKind.FEE_RECORDED, FeeRecordedPayload)
COMPLETION_REQUESTED = define(
    EventKind.COMPLETION_REQUESTED, CompletionRequestedPayload, personal=("what",), public=True
)
DOCUMENTS_RECEIVED = define(EventKind.DOCUMENTS_RECEIVED, DocumentsReceivedPayload, public=True)
STATUTORY_EXTENDED = define(
    EventKind.STATUTORY_EXTENDED,
    StatutoryExtendedPayload,
    personal=("to_business",),
    public=True,
)
OUTSIDE_QUESTION_SENT = define(
    EventKind.OUTSIDE_QUESTION_SENT, OutsideQuestionSentPayload, personal=("email", "text")
)
OUTSIDE_ANSWER_RECEIVED = define(
    EventKind.OUTSIDE_ANSWER_RECEIVED,
    OutsideAnswerReceivedPayload,
    personal=("answer", "file_name"),
)
OUTSIDE_QUESTION_REVOKED = define(EventKind.OUTSIDE_QUESTION_REVOKED, OutsideQuestionPayload)
CASE_EDITED = define(EventKind.CASE_EDITED, CaseEditedPayload, personal=("changes",))
CASE_LINKED = define(EventKind.CASE_LINKED, CaseLinkedPayload)
CASE_MERGED = define(EventKind.CASE_MERGED, CaseMergedPayload, public=True)
ASSIGNED = define(EventKind.ASSIGNED, AssignedPayload)
INTAKE_ANSWERS_CHANGED = define(
    EventKind.INTAKE_ANSWERS_CHANGED, IntakeAnswersChangedPayload, personal=("changes",)
)

PUBLIC_EVENT_KINDS = frozenset(kind for kind, d in REGISTRY.items() if d.public)
