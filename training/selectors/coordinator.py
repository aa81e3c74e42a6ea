"""What the coordinator's pages render: aggregates computed in SQL, fixed query counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, F, FloatField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast

from accounts.models import Department
from training.models import (
    ActivityStatus,
    AttemptItem,
    AttemptState,
    Course,
    CourseResult,
    Diploma,
    DiplomaStatus,
    PracticalActivity,
    QuestionStatistic,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def editions() -> QuerySet[Course]:
    return Course.objects.order_by("-year", "title")


def pending_activities() -> QuerySet[PracticalActivity]:
    return (
        PracticalActivity.objects.filter(status=ActivityStatus.SUBMITTED)
        .select_related("user", "requirement", "course")
        .order_by("created_at", "pk")
    )


class DepartmentProgress(TypedDict):
    """What ``department_overview`` adds to each department: numbers of people."""

    members: int
    started: int
    passed: int
    pending: int
    diplomas: int


def department_overview(
    *, course: Course
) -> QuerySet[WithAnnotations[Department, DepartmentProgress]]:
    """Participation and progress per department, one query."""
    departments = Department.objects.active()
    if not course.enrol_all_officials:
        departments = departments.filter(training_courses=course)
    user = "memberships__user"
    return departments.annotate(
        members=Count(user, filter=Q(memberships__user__is_active=True), distinct=True),
        started=Count(
            user, filter=Q(memberships__user__training_attempts__course=course), distinct=True
        ),
        in_progress=Count(
            user,
            filter=Q(
                memberships__user__training_attempts__course=course,
                memberships__user__training_attempts__state=AttemptState.IN_PROGRESS,
            ),
            distinct=True,
        ),
        passed=Count(
            user,
            filter=Q(
                memberships__user__training_course_results__course=course,
                memberships__user__training_course_results__passed_at__isnull=False,
            ),
            distinct=True,
        ),
        pending=Count(
            "memberships__user__training_activities",
            filter=Q(
                memberships__user__training_activities__course=course,
                memberships__user__training_activities__status=ActivityStatus.SUBMITTED,
            ),
            distinct=True,
        ),
        diplomas=Count(
            user,
            filter=Q(
                memberships__user__training_diplomas__course=course,
                memberships__user__training_diplomas__status=DiplomaStatus.ISSUED,
            ),
            distinct=True,
        ),
    ).order_by("name")


def diploma_register(*, year: int, department_id: int | None = None) -> QuerySet[Diploma]:
    diplomas = Diploma.objects.filter(course__year=year)
    if department_id:
        diplomas = diplomas.filter(user__memberships__department_id=department_id)
    return diplomas.select_related("user", "course").order_by("number").distinct()


def awaiting_diploma(*, course: Course) -> QuerySet[CourseResult]:
    """Passed the web course but no diploma yet (the practical year may still be open)."""
    return (
        CourseResult.objects.filter(course=course, passed_at__isnull=False)
        .exclude(user__training_diplomas__course=course)
        .select_related("user")
        .order_by("user__full_name")
    )


def _share(correct: str = "correct", answered: str = "answered"):
    return Cast(F(correct), FloatField()) * 100 / Cast(F(answered), FloatField())


def question_statistics(*, course: Course):
    """Facility (share correct) per question version, weakest first, with the discrimination
    index from the nightly item analysis where it has been computed."""
    discrimination = QuestionStatistic.objects.filter(
        course=course, version_id=OuterRef("version_id")
    ).values("discrimination")[:1]
    return (
        AttemptItem.objects.filter(attempt__course=course, answered_at__isnull=False)
        .values("version_id", "version__number", "version__text", "topic__name")
        .annotate(
            answered=Count("pk"),
            correct=Count("pk", filter=Q(is_correct=True)),
            share=_share(),
            discrimination=Subquery(discrimination),
        )
        .order_by("share", "version__text")
    )


def topic_statistics(*, course: Course):
    return (
        AttemptItem.objects.filter(attempt__course=course, answered_at__isnull=False)
        .values("topic_id", "topic__name")
        .annotate(
            answered=Count("pk"), correct=Count("pk", filter=Q(is_correct=True)), share=_share()
        )
        .order_by("share", "topic__name")
    )


@dataclass
class DepartmentWeakness:
    department: str
    topics: list[Mapping[str, Any]]


def weakest_topics_per_department(*, course: Course, limit: int = 3) -> list[DepartmentWeakness]:
    """Per department, the topics its members answered worst (one grouped query)."""
    rows = (
        AttemptItem.objects.filter(attempt__course=course, answered_at__isnull=False)
        .values(
            department=F("attempt__user__memberships__department__name"),
            topic_name=F("topic__name"),
        )
        .annotate(
            answered=Count("pk"),
            correct=Count("pk", filter=Q(is_correct=True)),
            share=_share(),
        )
        .order_by("department", "share", "topic_name")
    )
    grouped: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["department"] and len(grouped[row["department"]]) < limit:
            grouped[row["department"]].append(row)
    return [DepartmentWeakness(name, topics) for name, topics in grouped.items()]
