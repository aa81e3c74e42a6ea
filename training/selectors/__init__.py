"""What the participant's pages render, each with a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from training import permissions
from training.errors import NotFound
from training.models import (
    Attempt,
    AttemptItem,
    AttemptState,
    Choice,
    Course,
    CourseResult,
    Diploma,
    FeedbackMode,
    PracticalActivity,
    QuestionProposal,
    Topic,
    TopicResult,
)
from training.services.bank import askable_entries

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from accounts.models import User
    from training.permissions import AnyUser


class QuestionCount(TypedDict):
    question_count: int


def current_course(*, user, today: datetime.date | None = None) -> Course | None:
    """The edition the user takes now: the newest one open, else the newest one."""
    today = today or timezone.localdate()
    courses = permissions.enrolled_courses(user).order_by("-year", "-opens_on", "pk")
    return courses.filter(opens_on__lte=today).first() or courses.first()


def course_for(*, user, course_id: int) -> Course | None:
    return permissions.enrolled_courses(user).filter(pk=course_id).first()


def course_topics(course: Course) -> QuerySet[WithAnnotations[Topic, QuestionCount]]:
    """The edition's topics with the number of questions it asks in each (drafts and hidden
    questions left out)."""
    return (
        Topic.objects.filter(
            entries__slots__course=course, entries__in=askable_entries().values("pk")
        )
        .annotate(question_count=Count("entries__slots"))
        .order_by("position", "name")
    )


@dataclass
class TopicProgress:
    topic: Topic
    question_count: int
    answered: int = 0
    in_attempt: bool = False
    result: TopicResult | None = None

    @property
    def passed(self) -> bool:
        return self.result is not None and self.result.passed_at is not None

    @property
    def scored(self) -> bool:
        return self.result is not None

    @property
    def open(self) -> bool:
        """Questions of the topic wait for an answer in the attempt that holds it."""
        return self.in_attempt and self.answered < self.question_count


@dataclass
class CourseOverview:
    course: Course
    topics: list[TopicProgress]
    attempt: Attempt | None
    result: CourseResult | None
    answered: int = 0
    total: int = 0
    activities: list = field(default_factory=list)
    requirements: list = field(default_factory=list)
    diploma: Diploma | None = None
    resume: dict | None = None  # the next unanswered question: {"pk", "topic_id"}
    retake_under_way: bool = False

    @property
    def percent_done(self) -> int:
        return round(self.answered * 100 / self.total) if self.total else 0

    @property
    def retakable_topics(self) -> set[int]:
        """Topics done and not passed, each offered a retake on its own (one retake at a time)."""
        if self.retake_under_way or not self.is_open or self.passed:
            return set()
        return {t.topic.pk for t in self.topics if t.scored and not t.passed and not t.open}

    @property
    def is_open(self) -> bool:
        return self.course.is_open_on(timezone.localdate())

    @property
    def not_yet_open(self) -> bool:
        return timezone.localdate() < self.course.opens_on

    @property
    def in_progress(self) -> bool:
        """An attempt is under way (the first one may be, while a topic's retake is done)."""
        return self.resume is not None or (
            self.attempt is not None and self.attempt.state == AttemptState.IN_PROGRESS
        )

    @property
    def abandoned(self) -> bool:
        """The latest attempt was left unfinished when the edition closed."""
        return self.attempt is not None and self.attempt.state == AttemptState.ABANDONED

    @property
    def passed(self) -> bool:
        return self.result is not None and self.result.passed_at is not None

    @property
    def has_failed_topics(self) -> bool:
        return (
            not self.in_progress
            and self.attempt is not None
            and not self.passed
            and any(t.scored and not t.passed for t in self.topics)
        )

    @property
    def can_retake(self) -> bool:
        return not self.in_progress and self.attempt is not None and not self.passed

    @property
    def practical_done(self) -> bool:
        return all(r.approved >= r.required_count for r in self.requirements)


def latest_attempt(*, user, course: Course) -> Attempt | None:
    return Attempt.objects.filter(user=user, course=course).order_by("-started_at", "-pk").first()


def _latest_per_topic(*, user, course: Course) -> dict[int, Any]:
    """Per topic, the answered and total count in the latest attempt that holds it: after a
    retake of some topics the others keep the counts of the attempt that answered them."""
    rows = (
        AttemptItem.objects.filter(attempt__user=user, attempt__course=course)
        .values("topic_id", "attempt_id", "attempt__started_at")
        .annotate(total=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        .order_by("topic_id", "attempt__started_at", "attempt_id")
    )
    return {row["topic_id"]: row for row in rows}  # the latest attempt wins


def resume_point(*, user, course: Course) -> Any:
    """Where to go on: the first unanswered question of the newest attempt under way."""
    return (
        AttemptItem.objects.filter(
            attempt__user=user,
            attempt__course=course,
            attempt__state=AttemptState.IN_PROGRESS,
            answered_at__isnull=True,
        )
        .order_by("-attempt__started_at", "-attempt_id", "position")
        .values("pk", "topic_id")
        .first()
    )


def course_overview(*, user, course: Course) -> CourseOverview:
    """The participant's start page: progress over the whole course per topic (whichever
    attempt answered it), where to go on, the practical year, the diploma."""
    from training.services.diplomas import requirement_progress

    attempt = latest_attempt(user=user, course=course)
    counts = _latest_per_topic(user=user, course=course) if attempt is not None else {}
    results = {r.topic_id: r for r in TopicResult.objects.filter(user=user, course=course)}
    topics = []
    for topic in course_topics(course):
        row = counts.get(topic.pk)
        topics.append(
            TopicProgress(
                topic=topic,
                question_count=row["total"] if row else topic.question_count,
                answered=row["answered"] if row else 0,
                in_attempt=row is not None,
                result=results.get(topic.pk),
            )
        )
    overview = CourseOverview(
        course=course,
        topics=topics,
        attempt=attempt,
        result=CourseResult.objects.filter(user=user, course=course).first(),
        answered=sum(t.answered for t in topics),
        total=sum(t.question_count for t in topics),
    )
    overview.resume = resume_point(user=user, course=course) if attempt is not None else None
    overview.retake_under_way = any(
        t.in_attempt and t.answered < t.question_count and t.scored for t in topics
    )
    overview.requirements = list(requirement_progress(user=user, course=course))
    overview.activities = list(
        PracticalActivity.objects.filter(user=user, course=course).select_related("requirement")
    )
    overview.diploma = Diploma.objects.filter(user=user, course=course).first()
    return overview


@dataclass
class TopicPage:
    course: Course
    topic: Topic
    attempt: Attempt
    items: list[AttemptItem]
    answered: int
    total: int
    next_topic: Topic | None = None

    @property
    def complete(self) -> bool:
        """Every question of this topic is answered (deferred feedback is shown then)."""
        return all(item.answered_at is not None for item in self.items)

    @property
    def show_feedback(self) -> bool:
        return self.course.feedback_mode == FeedbackMode.IMMEDIATE or self.complete

    @property
    def percent_done(self) -> int:
        return round(self.answered * 100 / self.total) if self.total else 0


def topic_page(*, user, course: Course, topic_id: int) -> TopicPage | None:
    """One topic's questions in the user's latest attempt that holds it, choices as shown."""
    items = list(
        AttemptItem.objects.filter(attempt__user=user, attempt__course=course, topic_id=topic_id)
        .filter(
            attempt=Attempt.objects.filter(user=user, course=course, items__topic_id=topic_id)
            .order_by("-started_at", "-pk")
            .values("pk")[:1]
        )
        .select_related("attempt", "topic", "version")
        .prefetch_related(Prefetch("version__choices", queryset=Choice.objects.order_by("pk")))
        .order_by("position")
    )
    if not items:
        return None
    for item in items:
        by_id = {c.pk: c for c in item.version.choices.all()}
        item.shown_choices = [by_id[pk] for pk in item.choice_order if pk in by_id]
        item.selected_ids = set(item.selected)
    attempt_total = AttemptItem.objects.filter(attempt=items[0].attempt).aggregate(
        total=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))
    )
    attempt_topics = Topic.objects.filter(
        pk__in=AttemptItem.objects.filter(attempt=items[0].attempt).values("topic_id")
    ).order_by("position", "name")
    topics = list(attempt_topics)
    here = next(i for i, t in enumerate(topics) if t.pk == topic_id)
    return TopicPage(
        course=course,
        topic=items[0].topic,
        attempt=items[0].attempt,
        items=items,
        answered=attempt_total["answered"],
        total=attempt_total["total"],
        next_topic=topics[here + 1] if here + 1 < len(topics) else None,
    )


def shown_item(*, user, item_id: int) -> AttemptItem | None:
    """One of the user's own shown questions, with its choices in the order shown."""
    item = (
        AttemptItem.objects.filter(pk=item_id, attempt__user=user)
        .select_related("attempt__course", "version", "topic")
        .prefetch_related("version__choices")
        .first()
    )
    if item is not None:
        by_id = {c.pk: c for c in item.version.choices.all()}
        item.shown_choices = [by_id[pk] for pk in item.choice_order if pk in by_id]
        item.selected_ids = set(item.selected)
    return item


# One selector per participant page. A course the user is not enrolled in is not there for them
# (``NotFound``, the 404 page), as the cases app does with a case one may not see.


def enrolled_course(*, user: AnyUser, course_id: int) -> Course:
    course = course_for(user=user, course_id=course_id)
    if course is None:
        raise NotFound()
    return course


@dataclass
class HomePage:
    overview: CourseOverview | None
    can_coordinate: bool


def home_page(*, user: AnyUser) -> HomePage:
    course = current_course(user=user)
    return HomePage(
        overview=course_overview(user=user, course=course) if course else None,
        can_coordinate=permissions.can_coordinate(user),
    )


def course_page(*, user: AnyUser, course_id: int) -> CourseOverview:
    """The results page and the practical year's page: the overview of one enrolled edition."""
    return course_overview(user=user, course=enrolled_course(user=user, course_id=course_id))


def topic_page_in(*, user: AnyUser, course_id: int, topic_id: int) -> TopicPage:
    page = topic_page(
        user=user, course=enrolled_course(user=user, course_id=course_id), topic_id=topic_id
    )
    if page is None:
        raise NotFound()
    return page


def first_topic_id(*, attempt_id: int) -> int | None:
    """Where an attempt begins: the topic of its first question."""
    return (
        AttemptItem.objects.filter(attempt_id=attempt_id)
        .order_by("position")
        .values_list("topic_id", flat=True)
        .first()
    )


def own_diploma(*, user: User, course_id: int) -> Diploma:
    """The user's own diploma of an edition, once its PDF is there."""
    diploma = Diploma.objects.filter(user=user, course_id=course_id).first()
    if diploma is None or not diploma.file:
        raise NotFound()
    return diploma


def own_proposals(*, user: User, limit: int = 20) -> list[QuestionProposal]:
    return list(QuestionProposal.objects.filter(proposed_by=user).order_by("-created_at")[:limit])


def diploma_by_code(*, code: str) -> Diploma | None:
    """The public verification: a diploma by its (normalised) code, with its edition."""
    return Diploma.objects.filter(verification_code=code).select_related("course").first()
