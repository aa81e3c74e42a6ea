"""Taking the course: starting, answering (saved at once), scoring per topic, retaking."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from training import events, permissions
from training.errors import TrainingError, TransitionNotAllowed
from training.models import (
    Attempt,
    AttemptItem,
    AttemptState,
    Course,
    CourseResult,
    QuestionType,
    QuestionVersion,
    TopicResult,
)
from training.workflow import attempt_move_allowed

from .bank import askable_entries, asked_versions
from .history import record

if TYPE_CHECKING:
    from accounts.models import User

_random = secrets.SystemRandom()


def _check_open(course: Course, today: datetime.date) -> None:
    if today > course.closes_on:
        raise TrainingError(
            _("The course closed on %(date)s. Answers can no longer be given.")
            % {"date": date_format(course.closes_on)}
        )
    if today < course.opens_on:
        raise TrainingError(
            _("The course opens on %(date)s.") % {"date": date_format(course.opens_on)}
        )


def _asked_versions(course: Course, topic_ids=None) -> list[QuestionVersion]:
    """The version each slot asks, in topic and slot order."""
    slots = course.slots.all()
    if topic_ids is not None:
        slots = slots.filter(entry__topic_id__in=topic_ids)
    order = {entry_id: pos for pos, entry_id in enumerate(slots.values_list("entry_id", flat=True))}
    versions = asked_versions(order).values()
    return sorted(
        versions, key=lambda v: (v.entry.topic.position, v.entry.topic_id, order[v.entry_id])
    )


def _create_attempt(*, user: User, course: Course, topic_ids=None, is_retake: bool) -> Attempt:
    versions = _asked_versions(course, topic_ids)
    if not versions:
        raise TrainingError(_("The course has no questions yet."))
    attempt = Attempt.objects.create(user=user, course=course, is_retake=is_retake)
    items = []
    for position, version in enumerate(versions, start=1):
        order = [c.pk for c in version.choices.all()]
        if version.type != QuestionType.TRUE_FALSE:
            _random.shuffle(order)
        items.append(
            AttemptItem(
                attempt=attempt,
                version=version,
                topic_id=version.entry.topic_id,
                position=position,
                choice_order=order,
            )
        )
    AttemptItem.objects.bulk_create(items)
    return attempt


def start_course(*, user: User, course: Course, today: datetime.date | None = None) -> Attempt:
    """Start the edition, or return the attempt already under way."""
    today = today or timezone.localdate()
    permissions.require_enrolled(user, course)
    _check_open(course, today)
    with transaction.atomic():
        existing = (
            Attempt.objects.select_for_update()
            .filter(user=user, course=course, state=AttemptState.IN_PROGRESS)
            .order_by("is_retake", "-started_at")
            .first()
        )
        if existing is not None:
            return existing
        if Attempt.objects.filter(user=user, course=course).exists():
            raise TrainingError(_("You have already taken the course; retake failed topics."))
        try:
            with transaction.atomic():
                attempt = _create_attempt(user=user, course=course, is_retake=False)
        except IntegrityError:  # started at the same moment in another tab
            return Attempt.objects.get(
                user=user, course=course, state=AttemptState.IN_PROGRESS, is_retake=False
            )
        record(events.attempt_started(user=user, course=course, attempt=attempt.pk))
    return attempt


def answer_question(
    *, user: User, item_id: int, choice_ids: list[int], today: datetime.date | None = None
) -> AttemptItem:
    """Save one answer at once. Refused after the close date and for others' questions."""
    today = today or timezone.localdate()
    with transaction.atomic():
        # The attempt is locked too: two answers given at the same moment (two tabs) are
        # taken one after the other, so the last one sees the other and finishes the attempt.
        item = (
            AttemptItem.objects.select_for_update(of=("self", "attempt"))
            .select_related("attempt__course", "version")
            .filter(pk=item_id, attempt__user=user)
            .first()
        )
        if item is None:
            raise AttemptItem.DoesNotExist
        attempt = item.attempt
        _check_open(attempt.course, today)
        if not attempt_move_allowed(attempt.state, AttemptState.FINISHED):
            raise TransitionNotAllowed(_("This attempt is finished."))
        if item.answered_at is not None:
            raise TrainingError(_("You have already answered this question."))
        chosen = {int(pk) for pk in choice_ids}
        if not chosen:
            raise TrainingError(_("Choose an answer."))
        if not chosen <= set(item.choice_order):
            raise TrainingError(_("That answer does not belong to the question."))
        if item.version.type != QuestionType.MULTIPLE and len(chosen) != 1:
            raise TrainingError(_("Choose exactly one answer."))
        correct = set(item.version.choices.filter(is_correct=True).values_list("pk", flat=True))
        item.selected = [pk for pk in item.choice_order if pk in chosen]
        item.is_correct = chosen == correct
        item.answered_at = timezone.now()
        item.save(update_fields=["selected", "is_correct", "answered_at"])
        record(
            events.question_answered(
                user=user, course=attempt.course, item=item.pk, correct=item.is_correct
            )
        )
        _score_if_complete(attempt=attempt, topic_id=item.topic_id)
    return item


def _score_if_complete(*, attempt: Attempt, topic_id: int) -> None:
    """When a topic's last question is answered, score it; when all are, finish the attempt."""
    counts = AttemptItem.objects.filter(attempt=attempt).aggregate(
        open_in_topic=Count("pk", filter=Q(topic_id=topic_id, answered_at__isnull=True)),
        open_total=Count("pk", filter=Q(answered_at__isnull=True)),
        total=Count("pk", filter=Q(topic_id=topic_id)),
        correct=Count("pk", filter=Q(topic_id=topic_id, is_correct=True)),
    )
    if counts["open_in_topic"] == 0:
        _record_topic(attempt, topic_id, counts["correct"], counts["total"])
    if counts["open_total"] == 0:
        if not attempt_move_allowed(attempt.state, AttemptState.FINISHED):
            raise TransitionNotAllowed(_("This attempt is finished."))
        attempt.state = AttemptState.FINISHED
        attempt.finished_at = timezone.now()
        attempt.save(update_fields=["state", "finished_at"])
        _record_course(attempt)


def _record_topic(attempt: Attempt, topic_id: int, correct: int, total: int) -> None:
    percent = round(correct * 100 / total) if total else 0
    result, _created = TopicResult.objects.select_for_update().get_or_create(
        user=attempt.user, course=attempt.course, topic_id=topic_id
    )
    if _created or percent >= result.best_percent:
        result.best_correct, result.question_count, result.best_percent = correct, total, percent
    if result.passed_at is None and percent >= attempt.course.topic_minimum_percent:
        result.passed_at = timezone.now()
    result.save()
    record(
        events.topic_scored(
            user=attempt.user, course=attempt.course, topic=topic_id, percent=percent
        )
    )


def course_topic_ids(course: Course) -> set[int]:
    asked = course.slots.filter(entry__in=askable_entries().values("pk"))
    return set(asked.values_list("entry__topic_id", flat=True))


def _record_course(attempt: Attempt) -> None:
    course, user = attempt.course, attempt.user
    topic_ids = course_topic_ids(course)
    totals = TopicResult.objects.filter(user=user, course=course, topic_id__in=topic_ids).aggregate(
        correct=Sum("best_correct"),
        total=Sum("question_count"),
        passed=Count("pk", filter=Q(passed_at__isnull=False)),
        scored=Count("pk"),
    )
    if totals["scored"] < len(topic_ids):
        # A topic retaken while the course is still being answered: no overall score yet
        # (it would be a share of the topics done so far, and the best one is kept).
        return
    percent = round((totals["correct"] or 0) * 100 / totals["total"]) if totals["total"] else 0
    result, _created = CourseResult.objects.select_for_update().get_or_create(
        user=user, course=course
    )
    result.percent = max(result.percent, percent)
    newly_passed = (
        result.passed_at is None
        and totals["passed"] == len(topic_ids)
        and result.percent >= course.pass_mark_percent
    )
    if newly_passed:
        result.passed_at = timezone.now()
    result.save()
    record(events.course_scored(user=user, course=course, percent=result.percent))
    if newly_passed:
        from .diplomas import issue_when_earned

        issue_when_earned(user=user, course=course)


def topics_to_retake(*, user: User, course: Course) -> list[int]:
    """Failed topics and topics never scored (an attempt abandoned when the edition closed,
    taken up again after the close date was moved); when all passed but the overall mark was
    missed, those below it."""
    topic_ids = course_topic_ids(course)
    results = list(TopicResult.objects.filter(user=user, course=course, topic_id__in=topic_ids))
    failed = [r.topic_id for r in results if r.passed_at is None]
    never_scored = sorted(topic_ids - {r.topic_id for r in results})
    if failed or never_scored:
        return failed + never_scored
    passed = CourseResult.objects.filter(user=user, course=course, passed_at__isnull=False)
    if passed.exists():
        return []
    return [r.topic_id for r in results if r.best_percent < course.pass_mark_percent]


def retake_failed_topics(
    *, user: User, course: Course, today: datetime.date | None = None
) -> Attempt:
    """A new attempt with only the topics not yet passed, the choices shuffled again."""
    today = today or timezone.localdate()
    permissions.require_enrolled(user, course)
    _check_open(course, today)
    with transaction.atomic():
        if Attempt.objects.filter(
            user=user, course=course, state=AttemptState.IN_PROGRESS
        ).exists():
            raise TrainingError(_("Finish the attempt you have started first."))
        topic_ids = topics_to_retake(user=user, course=course)
        if not topic_ids:
            raise TrainingError(_("There is nothing to retake."))
        attempt = _create_attempt(user=user, course=course, topic_ids=topic_ids, is_retake=True)
        record(events.retake_started(user=user, course=course, topics=topic_ids))
    return attempt


def retake_topic(
    *, user: User, course: Course, topic_id: int, today: datetime.date | None = None
) -> Attempt:
    """A new attempt with one topic that is done and not passed, offered as soon as that topic
    is scored, even while the rest of the course is still being answered."""
    today = today or timezone.localdate()
    permissions.require_enrolled(user, course)
    _check_open(course, today)
    with transaction.atomic():
        if Attempt.objects.filter(
            user=user, course=course, state=AttemptState.IN_PROGRESS, is_retake=True
        ).exists():
            raise TrainingError(_("Finish the retake you have started first."))
        result = (
            TopicResult.objects.select_for_update()
            .filter(user=user, course=course, topic_id=topic_id)
            .first()
        )
        if result is None or topic_id not in course_topic_ids(course):
            raise TrainingError(_("Answer every question of the topic before you retake it."))
        if result.passed_at is not None:
            raise TrainingError(_("You have passed this topic already."))
        try:
            with transaction.atomic():
                attempt = _create_attempt(
                    user=user, course=course, topic_ids=[topic_id], is_retake=True
                )
        except IntegrityError:  # a retake started at the same moment in another tab
            raise TrainingError(_("Finish the retake you have started first.")) from None
        record(events.retake_started(user=user, course=course, topics=[topic_id]))
    return attempt


def abandon_attempts_of_closed_editions(*, today: datetime.date | None = None) -> int:
    """Nightly: an attempt still in progress after its edition closed can no longer be
    finished (answers are refused after the close date), so it is *abandoned*: it no longer
    counts as in progress, and the topics it scored keep their results. Safe to run twice.
    Returns the number of attempts abandoned."""
    today = today or timezone.localdate()
    with transaction.atomic():
        # Only states the moves table lets go to "abandoned" (that is, in progress).
        movable = [
            state
            for state in AttemptState.values
            if attempt_move_allowed(state, AttemptState.ABANDONED)
        ]
        stale = list(
            Attempt.objects.select_for_update(of=("self",))
            .filter(state__in=movable, course__closes_on__lt=today)
            .select_related("course", "user")
            .order_by("pk")
        )
        Attempt.objects.filter(pk__in=[a.pk for a in stale]).update(state=AttemptState.ABANDONED)
        for attempt in stale:
            record(
                events.attempt_abandoned(
                    user=attempt.user,
                    course=attempt.course,
                    attempt=attempt.pk,
                    closed_on=attempt.course.closes_on.isoformat(),
                )
            )
    return len(stale)
