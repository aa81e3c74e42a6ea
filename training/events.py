"""Every kind of training history, defined once (CONVENTIONS rule 18, as ``cases/events/``).

Each ``TrainingEventKind`` has one keyword-only builder with a typed payload; it returns the
unsaved ``TrainingEvent``, which the service saves in its transaction. The history holds no
free text about a person beyond a reviewer's comment and a revocation reason, both written by
officials (``PERSONAL_KEYS``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from .models import TrainingEvent, TrainingEventKind

if TYPE_CHECKING:
    from accounts.models import User

    from .models import Course


class AttemptPayload(TypedDict):
    attempt: int


class AnsweredPayload(TypedDict):
    item: int
    correct: bool


class TopicScoredPayload(TypedDict):
    topic: int
    percent: int


class CourseScoredPayload(TypedDict):
    percent: int


class RetakePayload(TypedDict):
    topics: list[int]


class AbandonedPayload(TypedDict):
    attempt: int
    closed_on: str


class EntryPayload(TypedDict):
    entry: int
    version: int


class EditedPayload(EntryPayload):
    new_version: bool


class QuestionStatusPayload(TypedDict):
    entry: int
    status: str


class NoPayload(TypedDict):
    pass


class SourcePayload(TypedDict):
    source: int


class CountPayload(TypedDict):
    count: int


class ProposalPayload(TypedDict):
    proposal: int


class ActivityPayload(TypedDict):
    activity: int


class ReviewPayload(ActivityPayload):
    comment: str


class DiplomaPayload(TypedDict):
    number: str


class RevokedPayload(DiplomaPayload):
    reason: str


PAYLOADS: dict[str, type] = {
    TrainingEventKind.COURSE_CREATED: NoPayload,
    TrainingEventKind.COURSE_COPIED: SourcePayload,
    TrainingEventKind.QUESTIONS_ADDED: CountPayload,
    TrainingEventKind.QUESTION_CREATED: EntryPayload,
    TrainingEventKind.QUESTION_EDITED: EditedPayload,
    TrainingEventKind.QUESTION_STATUS: QuestionStatusPayload,
    TrainingEventKind.QUESTION_PROPOSED: ProposalPayload,
    TrainingEventKind.PROPOSAL_ACCEPTED: ProposalPayload,
    TrainingEventKind.PROPOSAL_REJECTED: ProposalPayload,
    TrainingEventKind.ATTEMPT_STARTED: AttemptPayload,
    TrainingEventKind.QUESTION_ANSWERED: AnsweredPayload,
    TrainingEventKind.TOPIC_SCORED: TopicScoredPayload,
    TrainingEventKind.COURSE_SCORED: CourseScoredPayload,
    TrainingEventKind.RETAKE_STARTED: RetakePayload,
    TrainingEventKind.ATTEMPT_ABANDONED: AbandonedPayload,
    TrainingEventKind.ACTIVITY_LOGGED: ActivityPayload,
    TrainingEventKind.ACTIVITY_APPROVED: ReviewPayload,
    TrainingEventKind.ACTIVITY_RETURNED: ReviewPayload,
    TrainingEventKind.DIPLOMA_REQUESTED: NoPayload,
    TrainingEventKind.DIPLOMA_ISSUED: DiplomaPayload,
    TrainingEventKind.DIPLOMA_REVOKED: RevokedPayload,
}
PERSONAL_KEYS: dict[str, frozenset[str]] = {
    TrainingEventKind.ACTIVITY_APPROVED: frozenset({"comment"}),
    TrainingEventKind.ACTIVITY_RETURNED: frozenset({"comment"}),
    TrainingEventKind.DIPLOMA_REVOKED: frozenset({"reason"}),
}
BUILDERS: dict[str, Callable[..., TrainingEvent]] = {}
Builder = TypeVar("Builder", bound=Callable[..., TrainingEvent])


def builds(*kinds: TrainingEventKind) -> Callable[[Builder], Builder]:
    def register(function: Builder) -> Builder:
        for kind in kinds:
            if kind in BUILDERS:
                raise ValueError(f"{kind} has a builder already")
            BUILDERS[kind] = function
        return function

    return register


def _new(
    kind: TrainingEventKind,
    payload: Mapping[str, Any],
    *,
    actor: User | None = None,
    subject: User | None = None,
    course: Course | None = None,
) -> TrainingEvent:
    declared = PAYLOADS[kind]
    if set(payload) != declared.__required_keys__:  # type: ignore[attr-defined]
        raise ValueError(f"{kind}: payload keys {sorted(payload)} are not the declared ones")
    return TrainingEvent(
        kind=kind, actor=actor, subject=subject, course=course, payload=dict(payload)
    )


# --- The course and its question bank -------------------------------------------------------
@builds(TrainingEventKind.COURSE_CREATED)
def course_created(*, course: Course, by: User | None) -> TrainingEvent:
    return _new(TrainingEventKind.COURSE_CREATED, NoPayload(), actor=by, course=course)


@builds(TrainingEventKind.COURSE_COPIED)
def course_copied(*, course: Course, source: Course, by: User | None) -> TrainingEvent:
    payload = SourcePayload(source=source.pk)
    return _new(TrainingEventKind.COURSE_COPIED, payload, actor=by, course=course)


@builds(TrainingEventKind.QUESTIONS_ADDED)
def questions_added(*, course: Course, count: int, by: User | None) -> TrainingEvent:
    payload = CountPayload(count=count)
    return _new(TrainingEventKind.QUESTIONS_ADDED, payload, actor=by, course=course)


@builds(TrainingEventKind.QUESTION_CREATED)
def question_created(*, entry: int, version: int, by: User | None) -> TrainingEvent:
    payload = EntryPayload(entry=entry, version=version)
    return _new(TrainingEventKind.QUESTION_CREATED, payload, actor=by)


@builds(TrainingEventKind.QUESTION_EDITED)
def question_edited(
    *, entry: int, version: int, new_version: bool, by: User | None
) -> TrainingEvent:
    payload = EditedPayload(entry=entry, version=version, new_version=new_version)
    return _new(TrainingEventKind.QUESTION_EDITED, payload, actor=by)


@builds(TrainingEventKind.QUESTION_STATUS)
def question_status(*, entry: int, status: str, by: User | None) -> TrainingEvent:
    payload = QuestionStatusPayload(entry=entry, status=str(status))
    return _new(TrainingEventKind.QUESTION_STATUS, payload, actor=by)


# --- Proposals ------------------------------------------------------------------------------
@builds(
    TrainingEventKind.QUESTION_PROPOSED,
    TrainingEventKind.PROPOSAL_ACCEPTED,
    TrainingEventKind.PROPOSAL_REJECTED,
)
def proposal_event(
    *, kind: TrainingEventKind, proposal: int, by: User, course: Course | None = None
) -> TrainingEvent:
    """Proposed (by its author), accepted into ``course`` or rejected (by a coordinator)."""
    return _new(kind, ProposalPayload(proposal=proposal), actor=by, course=course)


# --- A participant's attempts ---------------------------------------------------------------
@builds(TrainingEventKind.ATTEMPT_STARTED)
def attempt_started(*, user: User, course: Course, attempt: int) -> TrainingEvent:
    payload = AttemptPayload(attempt=attempt)
    return _new(TrainingEventKind.ATTEMPT_STARTED, payload, actor=user, subject=user, course=course)


@builds(TrainingEventKind.QUESTION_ANSWERED)
def question_answered(*, user: User, course: Course, item: int, correct: bool) -> TrainingEvent:
    payload = AnsweredPayload(item=item, correct=correct)
    return _new(
        TrainingEventKind.QUESTION_ANSWERED, payload, actor=user, subject=user, course=course
    )


@builds(TrainingEventKind.TOPIC_SCORED)
def topic_scored(*, user: User, course: Course, topic: int, percent: int) -> TrainingEvent:
    payload = TopicScoredPayload(topic=topic, percent=percent)
    return _new(TrainingEventKind.TOPIC_SCORED, payload, subject=user, course=course)


@builds(TrainingEventKind.COURSE_SCORED)
def course_scored(*, user: User, course: Course, percent: int) -> TrainingEvent:
    payload = CourseScoredPayload(percent=percent)
    return _new(TrainingEventKind.COURSE_SCORED, payload, subject=user, course=course)


@builds(TrainingEventKind.RETAKE_STARTED)
def retake_started(*, user: User, course: Course, topics: list[int]) -> TrainingEvent:
    payload = RetakePayload(topics=list(topics))
    return _new(TrainingEventKind.RETAKE_STARTED, payload, actor=user, subject=user, course=course)


@builds(TrainingEventKind.ATTEMPT_ABANDONED)
def attempt_abandoned(*, user: User, course: Course, attempt: int, closed_on: str) -> TrainingEvent:
    payload = AbandonedPayload(attempt=attempt, closed_on=closed_on)
    return _new(TrainingEventKind.ATTEMPT_ABANDONED, payload, subject=user, course=course)


# --- The practical year ---------------------------------------------------------------------
@builds(TrainingEventKind.ACTIVITY_LOGGED)
def activity_logged(*, user: User, course: Course, activity: int) -> TrainingEvent:
    payload = ActivityPayload(activity=activity)
    return _new(TrainingEventKind.ACTIVITY_LOGGED, payload, actor=user, subject=user, course=course)


@builds(TrainingEventKind.ACTIVITY_APPROVED, TrainingEventKind.ACTIVITY_RETURNED)
def activity_reviewed(
    *, user: User, course: Course, activity: int, approved: bool, comment: str, by: User
) -> TrainingEvent:
    kind = TrainingEventKind.ACTIVITY_APPROVED if approved else TrainingEventKind.ACTIVITY_RETURNED
    payload = ReviewPayload(activity=activity, comment=comment)
    return _new(kind, payload, actor=by, subject=user, course=course)


# --- Diplomas -------------------------------------------------------------------------------
@builds(TrainingEventKind.DIPLOMA_REQUESTED)
def diploma_requested(*, user: User, course: Course, by: User) -> TrainingEvent:
    return _new(
        TrainingEventKind.DIPLOMA_REQUESTED, NoPayload(), actor=by, subject=user, course=course
    )


@builds(TrainingEventKind.DIPLOMA_ISSUED)
def diploma_issued(*, user: User, course: Course, number: str, by: User | None) -> TrainingEvent:
    payload = DiplomaPayload(number=number)
    return _new(TrainingEventKind.DIPLOMA_ISSUED, payload, actor=by, subject=user, course=course)


@builds(TrainingEventKind.DIPLOMA_REVOKED)
def diploma_revoked(
    *, user: User, course: Course, number: str, reason: str, by: User
) -> TrainingEvent:
    payload = RevokedPayload(number=number, reason=reason)
    return _new(TrainingEventKind.DIPLOMA_REVOKED, payload, actor=by, subject=user, course=course)
