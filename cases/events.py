"""Every kind of timeline event, defined once (CONVENTIONS rule 18).

A definition says what an event of its kind holds (a ``TypedDict``), whether the business sees
it on its tracking page, which payload keys carry personal data (the retention rule blanks
them) and which template fragment renders it (``templates/cases/events/<kind>.html``). Each
kind has one keyword-only builder returning an unsaved ``CaseEvent``:

- services append it with ``cases.services.events.record`` in their transaction;
- the demo and the bench generator ``bulk_create`` the built events with their past times.

Nothing else constructs a ``CaseEvent`` (``tests/test_architecture.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from .models import (
    Attachment,
    Case,
    CaseEvent,
    CaseType,
    ContactPerson,
    Door,
    EventKind,
    Message,
    Note,
    Referral,
)

if TYPE_CHECKING:
    from accounts.models import Department, User


# --- What each kind holds -------------------------------------------------------------------
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


# --- The registry ---------------------------------------------------------------------------
Builder = TypeVar("Builder", bound=Callable[..., CaseEvent])


class EventDefinition:
    """One kind of event: its payload, who sees it, its personal keys, its fragment, its builder."""

    def __init__(
        self, kind: EventKind, payload: type, *, personal: tuple[str, ...], public: bool
    ) -> None:
        self.kind = kind
        self.payload = payload
        self.required_keys: frozenset[str] = frozenset(payload.__required_keys__)  # type: ignore[attr-defined]
        self.keys: frozenset[str] = self.required_keys | payload.__optional_keys__  # type: ignore[attr-defined]
        self.personal_keys = frozenset(personal)
        self.public = public
        self.builder: Callable[..., CaseEvent] | None = None
        if not self.personal_keys <= self.keys:
            raise ImproperlyConfigured(f"{kind}: personal keys not in its payload")

    @property
    def template(self) -> str:
        return f"cases/events/{self.kind}.html"

    def builds(self, function: Builder) -> Builder:
        """Decorator: ``function`` is this kind's one builder."""
        if self.builder is not None:
            raise ImproperlyConfigured(f"{self.kind} has a builder already")
        self.builder = function
        return function

    def new(
        self, *, case: Case, actor: User | None, at: datetime | None, payload: Mapping[str, Any]
    ) -> CaseEvent:
        """The unsaved event; refuses a payload that differs from the declared one."""
        given = set(payload)
        if not given <= self.keys or not self.required_keys <= given:
            raise ValueError(
                f"{self.kind}: payload keys {sorted(given)} do not match {sorted(self.keys)}"
            )
        return CaseEvent(
            case=case,
            kind=self.kind,
            actor=actor,
            created_at=at or timezone.now(),
            payload=dict(payload),
            is_public=self.public,
        )


REGISTRY: dict[str, EventDefinition] = {}


def define(
    kind: EventKind, payload: type, *, personal: tuple[str, ...] = (), public: bool = False
) -> EventDefinition:
    if kind in REGISTRY:
        raise ImproperlyConfigured(f"The event kind {kind} is defined twice")
    REGISTRY[kind] = definition = EventDefinition(kind, payload, personal=personal, public=public)
    return definition


def definition_of(kind: str) -> EventDefinition:
    return REGISTRY[kind]


def template_for(kind: str) -> str:
    return REGISTRY[kind].template


def personal_payload_keys() -> dict[str, frozenset[str]]:
    """Per kind, the payload keys the retention rule blanks (kinds without any left out)."""
    return {kind: d.personal_keys for kind, d in REGISTRY.items() if d.personal_keys}


# --- The definitions and their builders -----------------------------------------------------
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


@OPENED.builds
def opened(
    *,
    case: Case,
    door: Door,
    department: Department,
    case_type: CaseType,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload = OpenedPayload(door=door.name, department=department.name, case_type=case_type.name)
    return OPENED.new(case=case, actor=actor, at=at, payload=payload)


@STATUS_CHANGED.builds
def status_changed(
    *,
    case: Case,
    from_status: str,
    to_status: str,
    comment: str = "",
    by_business: bool = False,
    paused_working_days: int | None = None,
    reopened: bool = False,
    to_business: str = "",
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload: StatusChangedPayload = {
        "from": str(from_status),
        "to": str(to_status),
        "comment": comment.strip(),
    }
    if by_business:
        payload["by_business"] = True
    if paused_working_days is not None:
        payload["paused_working_days"] = paused_working_days
    if reopened:
        payload["reopened"] = True
    if to_business.strip():
        payload["to_business"] = to_business.strip()
    return STATUS_CHANGED.new(case=case, actor=actor, at=at, payload=payload)


@COORDINATOR_CHANGED.builds
def coordinator_changed(
    *,
    case: Case,
    previous: User | None,
    coordinator: User,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload: CoordinatorChangedPayload = {
        "from": previous.full_name if previous else "",
        "to": coordinator.full_name,
    }
    return COORDINATOR_CHANGED.new(case=case, actor=actor, at=at, payload=payload)


def _about(referral: Referral) -> ReferralPayload:
    return ReferralPayload(referral=referral.pk, department=referral.department.name)


@ROUTED.builds
def routed(
    *, referral: Referral, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    payload = RoutedPayload(
        **_about(referral),
        request=referral.request_text,
        due_date=referral.due_date.isoformat(),
    )
    return ROUTED.new(case=referral.case, actor=actor, at=at, payload=payload)


@REFERRAL_ACCEPTED.builds
def referral_accepted(
    *, referral: Referral, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    return REFERRAL_ACCEPTED.new(case=referral.case, actor=actor, at=at, payload=_about(referral))


@REFERRAL_ANSWERED.builds
def referral_answered(
    *, referral: Referral, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    payload = ReferralAnsweredPayload(**_about(referral), answer=referral.answer_text)
    return REFERRAL_ANSWERED.new(case=referral.case, actor=actor, at=at, payload=payload)


@REFERRAL_DECLINED.builds
def referral_declined(
    *, referral: Referral, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    payload = ReferralDeclinedPayload(**_about(referral), reason=referral.decline_reason)
    return REFERRAL_DECLINED.new(case=referral.case, actor=actor, at=at, payload=payload)


@REFERRAL_WITHDRAWN.builds
def referral_withdrawn(
    *,
    referral: Referral,
    merged_into: Case | None = None,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """``merged_into``: withdrawn because the case was merged into that one."""
    payload = ReferralWithdrawnPayload(**_about(referral))
    if merged_into is not None:
        payload["merged_into"] = merged_into.number
    return REFERRAL_WITHDRAWN.new(case=referral.case, actor=actor, at=at, payload=payload)


@REFERRAL_REROUTED.builds
def referral_rerouted(
    *,
    referral: Referral,
    from_department: Department,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """``referral`` is the new one; ``from_department`` had the withdrawn one."""
    payload = ReferralReroutedPayload(
        **_about(referral), from_department=from_department.name, request=referral.request_text
    )
    return REFERRAL_REROUTED.new(case=referral.case, actor=actor, at=at, payload=payload)


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


@ANONYMISED.builds
def anonymised(
    *,
    case: Case,
    reason: str,
    removed: dict[str, int | bool],
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload = AnonymisedPayload(reason=reason, removed=removed)
    return ANONYMISED.new(case=case, actor=actor, at=at, payload=payload)


@CONTACT_SET.builds
def contact_set(
    *,
    case: Case,
    contact: ContactPerson,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """An official made ``contact`` (of the company register) the case's contact person."""
    payload = ContactSetPayload(contact=contact.pk, name=contact.name)
    return CONTACT_SET.new(case=case, actor=actor, at=at, payload=payload)


@ARCHIVE_EXPORTED.builds
def archive_exported(
    *,
    case: Case,
    package: str,
    sha256: str,
    size: int,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """The case was written out as an information package for the e-archive."""
    payload = ArchiveExportedPayload(package=package, sha256=sha256, size=size)
    return ARCHIVE_EXPORTED.new(case=case, actor=actor, at=at, payload=payload)


@COMPLETION_REQUESTED.builds
def completion_requested(
    *,
    case: Case,
    asked_on: date,
    restarts: bool,
    window_closes: date,
    what: str = "",
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """The committee asked for the missing documents (a föreläggande, PBL 9:22 and 9:27)."""
    payload = CompletionRequestedPayload(
        asked_on=asked_on.isoformat(),
        restarts=restarts,
        window_closes=window_closes.isoformat(),
        what=what.strip(),
    )
    return COMPLETION_REQUESTED.new(case=case, actor=actor, at=at, payload=payload)


@DOCUMENTS_RECEIVED.builds
def documents_received(
    *,
    case: Case,
    received_on: date,
    own_initiative: bool,
    statutory_due_date: date | None,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """Documents came in: those asked for, or a supplement on the applicant's own initiative."""
    payload = DocumentsReceivedPayload(
        received_on=received_on.isoformat(),
        own_initiative=own_initiative,
        statutory_due_date=statutory_due_date.isoformat() if statutory_due_date else "",
    )
    return DOCUMENTS_RECEIVED.new(case=case, actor=actor, at=at, payload=payload)


@STATUTORY_EXTENDED.builds
def statutory_extended(
    *,
    case: Case,
    weeks: int,
    statutory_due_date: date,
    to_business: str,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """The statutory period was extended (once, PBL 9:27), the applicant told why."""
    payload = StatutoryExtendedPayload(
        weeks=weeks,
        statutory_due_date=statutory_due_date.isoformat(),
        to_business=to_business.strip(),
    )
    return STATUTORY_EXTENDED.new(case=case, actor=actor, at=at, payload=payload)


@GUARANTEE_BREACHED.builds
def guarantee_breached(
    *,
    case: Case,
    promise: str,
    deadline: datetime,
    department: str = "",
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """A service guarantee was not kept (flagged once by the daily sweep)."""
    payload = GuaranteeBreachedPayload(
        promise=promise, deadline=timezone.localtime(deadline).isoformat(), department=department
    )
    return GUARANTEE_BREACHED.new(case=case, actor=actor, at=at, payload=payload)


@FEE_RECORDED.builds
def fee_recorded(
    *, case: Case, fee_kronor: int | None, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    """The fee of a statutory case (the base of its fee reduction, PBL 12 kap. 8 a §)."""
    return FEE_RECORDED.new(
        case=case, actor=actor, at=at, payload=FeeRecordedPayload(fee_kronor=fee_kronor)
    )


@OUTSIDE_QUESTION_SENT.builds
def outside_question_sent(
    *,
    case: Case,
    question: int,
    party: str,
    email: str,
    text: str,
    expires: datetime,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload = OutsideQuestionSentPayload(
        question=question, party=party, email=email, text=text, expires=expires.isoformat()
    )
    return OUTSIDE_QUESTION_SENT.new(case=case, actor=actor, at=at, payload=payload)


@OUTSIDE_ANSWER_RECEIVED.builds
def outside_answer_received(
    *,
    case: Case,
    question: int,
    party: str,
    answer: str,
    attachment: Attachment | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """The outside party answered on its private page (no official is the actor)."""
    payload = OutsideAnswerReceivedPayload(question=question, party=party, answer=answer)
    if attachment is not None:
        payload["attachment"] = attachment.pk
        payload["file_name"] = attachment.original_name
    return OUTSIDE_ANSWER_RECEIVED.new(case=case, actor=None, at=at, payload=payload)


@OUTSIDE_QUESTION_REVOKED.builds
def outside_question_revoked(
    *, case: Case, question: int, party: str, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    payload = OutsideQuestionPayload(question=question, party=party)
    return OUTSIDE_QUESTION_REVOKED.new(case=case, actor=actor, at=at, payload=payload)


@CASE_EDITED.builds
def case_edited(
    *,
    case: Case,
    changes: list[tuple[str, str, str]],
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """``changes``: (field name, old value as shown, new value as shown), in the form's order."""
    payload = CaseEditedPayload(
        fields=[name for name, _old, _new in changes],
        changes=[{"field": name, "from": old, "to": new} for name, old, new in changes],
    )
    return CASE_EDITED.new(case=case, actor=actor, at=at, payload=payload)


@CASE_LINKED.builds
def case_linked(
    *, case: Case, other: Case, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    """On each of the two cases' timelines, naming the other."""
    payload = CaseLinkedPayload(case=other.pk, number=other.number)
    return CASE_LINKED.new(case=case, actor=actor, at=at, payload=payload)


@CASE_MERGED.builds
def case_merged(
    *,
    case: Case,
    other: Case,
    kept: bool,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """On both timelines: ``kept`` on the case kept (``other`` merged into it), else on the
    merged case (``other`` is the one kept). Public: the business is pointed to the kept case."""
    payload = CaseMergedPayload(
        role="kept" if kept else "merged", case=other.pk, number=other.number
    )
    return CASE_MERGED.new(case=case, actor=actor, at=at, payload=payload)


@ASSIGNED.builds
def assigned(
    *,
    case: Case,
    previous: User | None,
    assignee: User,
    referral: Referral | None = None,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload: AssignedPayload = {
        "from": previous.full_name if previous else "",
        "to": assignee.full_name,
    }
    if referral is not None:
        payload["referral"] = referral.pk
        payload["department"] = referral.department.name
    return ASSIGNED.new(case=case, actor=actor, at=at, payload=payload)


@INTAKE_ANSWERS_CHANGED.builds
def intake_answers_changed(
    *,
    case: Case,
    changes: list[tuple[str, str, str]],
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """``changes``: (question as asked, old answer as shown, new answer as shown), "" for none."""
    payload = IntakeAnswersChangedPayload(
        questions=[question for question, _old, _new in changes],
        changes=[{"question": q, "from": old, "to": new} for q, old, new in changes],
    )
    return INTAKE_ANSWERS_CHANGED.new(case=case, actor=actor, at=at, payload=payload)
