"""One selector per coordinator page: the permission check, then exactly what the page renders.

Each raises ``NotPermitted`` for anyone but the coordinator (the 403 page) and ``NotFound`` for
a record that is not there (the 404 page); the query counts are pinned in
``tests/training/test_query_counts.py``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Department
from training import permissions
from training.errors import NotFound
from training.models import Course, Diploma, PracticalActivity, QuestionProposal

from . import coordinator as reads

if TYPE_CHECKING:
    from accounts.models import User
    from training.permissions import AnyUser


def chosen_course(
    *, by: AnyUser, course_id: int | None, today: datetime.date | None = None
) -> Course | None:
    """The edition asked for (``?kurs=``), else the newest one open, else the newest one."""
    permissions.require_coordinator(by)
    courses = reads.editions()
    if course_id is not None:
        return courses.filter(pk=course_id).first()
    today = today or timezone.localdate()
    return courses.filter(opens_on__lte=today).first() or courses.first()


@dataclass
class OverviewPage:
    course: Course | None
    courses: list[Course]
    departments: list[Department]
    pending_count: int


def overview_page(*, by: AnyUser, course_id: int | None) -> OverviewPage:
    course = chosen_course(by=by, course_id=course_id)
    return OverviewPage(
        course=course,
        courses=list(reads.editions()),
        departments=list(reads.department_overview(course=course)) if course else [],
        pending_count=reads.pending_activities().count(),
    )


def pending_page(*, by: AnyUser) -> list[PracticalActivity]:
    permissions.require_coordinator(by)
    return list(reads.pending_activities())


def activity_for_review(*, by: AnyUser, activity_id: int) -> PracticalActivity:
    permissions.require_coordinator(by)
    activity = (
        PracticalActivity.objects.select_related("user", "requirement", "course")
        .filter(pk=activity_id)
        .first()
    )
    if activity is None:
        raise NotFound()
    return activity


@dataclass
class DiplomasPage:
    course: Course | None
    year: int | None
    years: list[int]
    departments: list[Department]
    department_id: int | None
    diplomas: list[Diploma] = field(default_factory=list)
    awaiting: list[Any] = field(default_factory=list)


def diplomas_page(
    *, by: AnyUser, course_id: int | None, year: int | None, department_id: int | None
) -> DiplomasPage:
    """The register of one year (``?ar=``, else the chosen edition's), per department
    (``?avdelning=``), and who passed the chosen edition without a diploma yet."""
    course = chosen_course(by=by, course_id=course_id)
    editions = list(reads.editions())
    year = year if year is not None else (course.year if course else None)
    return DiplomasPage(
        course=course,
        year=year,
        years=sorted({c.year for c in editions}, reverse=True),
        departments=list(Department.objects.active()),
        department_id=department_id,
        diplomas=list(reads.diploma_register(year=year, department_id=department_id))
        if year
        else [],
        awaiting=list(reads.awaiting_diploma(course=course)) if course else [],
    )


def participants(*, by: AnyUser, user_ids: list[int]) -> QuerySet[User]:
    """The people the coordinator ticked for a bulk issue, by name."""
    permissions.require_coordinator(by)
    return get_user_model().objects.filter(pk__in=user_ids).order_by("full_name")


def diploma_for_revoking(*, by: AnyUser, diploma_id: int) -> Diploma:
    permissions.require_coordinator(by)
    diploma = Diploma.objects.select_related("user", "course").filter(pk=diploma_id).first()
    if diploma is None:
        raise NotFound()
    return diploma


@dataclass
class StatisticsPage:
    course: Course | None
    courses: list[Course]
    questions: list[Any] = field(default_factory=list)
    topics: list[Any] = field(default_factory=list)
    weakest: list[reads.DepartmentWeakness] = field(default_factory=list)


def statistics_page(*, by: AnyUser, course_id: int | None) -> StatisticsPage:
    course = chosen_course(by=by, course_id=course_id)
    page = StatisticsPage(course=course, courses=list(reads.editions()))
    if course is not None:
        page.questions = list(reads.question_statistics(course=course))
        page.topics = list(reads.topic_statistics(course=course))
        page.weakest = reads.weakest_topics_per_department(course=course)
    return page


def proposals_page(*, by: AnyUser) -> list[QuestionProposal]:
    """Every proposal, the new ones first."""
    permissions.require_coordinator(by)
    return list(
        permissions.coordinated(by, QuestionProposal.objects.all())
        .select_related("proposed_by", "suggested_topic")
        .order_by("status", "-created_at")
    )


def proposal_for_review(*, by: AnyUser, proposal_id: int) -> QuestionProposal:
    permissions.require_coordinator(by)
    proposal = (
        QuestionProposal.objects.select_related("proposed_by", "suggested_topic")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise NotFound()
    return proposal
