"""Who is trained: this year's diplomas per department, course progress and weakest topics."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, FloatField, Q
from django.db.models.functions import Cast

from accounts.models import User
from training.models import AttemptItem, Course, DiplomaStatus
from training.selectors.coordinator import department_overview

from .scope import Scope

WEAKEST_TOPICS = 5


@dataclass
class TrainingRow:
    department_id: int
    department: str
    members: int
    started: int
    passed: int
    diplomas: int

    @property
    def diploma_share(self) -> float | None:
        return self.diplomas * 100 / self.members if self.members else None

    @property
    def started_share(self) -> float | None:
        return self.started * 100 / self.members if self.members else None

    @property
    def passed_share(self) -> float | None:
        return self.passed * 100 / self.members if self.members else None


@dataclass
class TrainingFigures:
    year: int
    course: Course | None
    departments: list[TrainingRow] = field(default_factory=list)
    weakest_topics: list[Mapping[str, Any]] = field(default_factory=list)

    total: TrainingRow | None = None


def training_figures(scope: Scope) -> TrainingFigures:
    """The LOTS year of the period's last year: the edition of that year (latest if several)."""
    year = scope.filters.end.year
    course = Course.objects.filter(year=year).order_by("-opens_on", "-pk").first()
    figures = TrainingFigures(year=year, course=course)
    if course is None:
        return figures
    departments = department_overview(course=course)
    department = scope.filters.department
    if department is not None:
        departments = departments.filter(pk=department.pk)
    figures.departments = [
        TrainingRow(
            department_id=row.pk,
            department=row.name,
            members=row.members,
            started=row.started,
            passed=row.passed,
            diplomas=row.diplomas,
        )
        for row in departments
    ]
    figures.total = _total(course, department)
    items = AttemptItem.objects.filter(attempt__course=course, answered_at__isnull=False)
    if department is not None:
        items = items.filter(attempt__user__memberships__department=department)
    figures.weakest_topics = list(
        items.values("topic_id", "topic__name")
        .annotate(
            answered=Count("pk", distinct=True),
            correct=Count("pk", filter=Q(is_correct=True), distinct=True),
        )
        .annotate(share=Cast(F("correct"), FloatField()) * 100 / Cast(F("answered"), FloatField()))
        .order_by("share", "topic__name")[:WEAKEST_TOPICS]
    )
    return figures


def _total(course: Course, department) -> TrainingRow:
    """The same figures over people rather than departments (a person in two counts once)."""
    people = User.objects.filter(is_active=True, memberships__department__is_active=True)
    if not course.enrol_all_officials:
        people = people.filter(memberships__department__training_courses=course)
    if department is not None:
        people = people.filter(memberships__department=department)
    totals = people.aggregate(
        members=Count("pk", distinct=True),
        started=Count("pk", filter=Q(training_attempts__course=course), distinct=True),
        passed=Count(
            "pk",
            filter=Q(
                training_course_results__course=course,
                training_course_results__passed_at__isnull=False,
            ),
            distinct=True,
        ),
        diplomas=Count(
            "pk",
            filter=Q(
                training_diplomas__course=course,
                training_diplomas__status=DiplomaStatus.ISSUED,
            ),
            distinct=True,
        ),
    )
    return TrainingRow(department_id=0, department="", **totals)
