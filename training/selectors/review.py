"""The coordinator's list of questions due for legal review before an edition opens."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from training import permissions
from training.models import Course, CourseQuestion, QuestionVersion, VersionStatus
from training.services.review import REVIEW_VALID_DAYS

from . import coordinator as reads

if TYPE_CHECKING:
    from training.permissions import AnyUser


def edition_to_review(
    *, by: AnyUser, course_id: int | None, today: datetime.date | None = None
) -> Course | None:
    """The edition asked for (``?kurs=``), else the next one to open, else the newest one."""
    permissions.require_coordinator(by)
    courses = reads.editions()
    if course_id is not None:
        return courses.filter(pk=course_id).first()
    today = today or timezone.localdate()
    upcoming = courses.filter(opens_on__gt=today).order_by("opens_on", "pk").first()
    return upcoming or courses.first()


@dataclass
class ReviewDuePage:
    course: Course | None
    courses: list[Course]
    checked_after: datetime.date | None = None
    slot_count: int = 0
    due: list[Any] = field(default_factory=list)


def _latest(column: str) -> Subquery:
    return Subquery(
        QuestionVersion.objects.filter(entry=OuterRef("entry"))
        .exclude(status=VersionStatus.DRAFT)
        .order_by("-number")
        .values(column)[:1]
    )


def review_due_page(*, by: AnyUser, course_id: int | None) -> ReviewDuePage:
    """The edition's questions that are marked for review, never checked, or checked more than
    ``REVIEW_VALID_DAYS`` before it opens; the marked ones first, then the oldest check."""
    course = edition_to_review(by=by, course_id=course_id)
    page = ReviewDuePage(course=course, courses=list(reads.editions()))
    if course is None:
        return page
    page.checked_after = course.opens_on - datetime.timedelta(days=REVIEW_VALID_DAYS)
    slots = CourseQuestion.objects.filter(course=course)
    page.slot_count = slots.count()
    page.due = list(
        slots.filter(
            Q(entry__review_requested=True)
            | Q(entry__law_checked_on__isnull=True)
            | Q(entry__law_checked_on__lt=page.checked_after)
        )
        .select_related("entry__topic", "entry__review_requested_by")
        .annotate(question_text=_latest("text"), question_source=_latest("source"))
        .order_by(
            "-entry__review_requested",
            "entry__law_checked_on",
            "entry__topic__position",
            "position",
        )
    )
    return page
