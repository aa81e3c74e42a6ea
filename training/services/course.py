"""Course editions: creating one, and next year's from last year's."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from training import events, permissions
from training.errors import TrainingError
from training.models import Course, CourseQuestion, PracticalRequirement, QuestionEntry

from .history import record

if TYPE_CHECKING:
    from accounts.models import User


def create_course(
    *,
    year: int,
    title: str,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    pass_mark_percent: int = 80,
    topic_minimum_percent: int = 60,
    feedback_mode: str = "immediate",
    by=None,
) -> Course:
    opens_on = opens_on or datetime.date(year, 1, 1)
    closes_on = closes_on or datetime.date(year, 12, 31)
    if closes_on < opens_on:
        raise TrainingError(_("The course cannot close before it opens."))
    with transaction.atomic():
        if Course.objects.filter(year=year, title=title).exists():
            raise TrainingError(_("There is already an edition with this title that year."))
        course = Course.objects.create(
            year=year,
            title=title,
            opens_on=opens_on,
            closes_on=closes_on,
            pass_mark_percent=pass_mark_percent,
            topic_minimum_percent=topic_minimum_percent,
            feedback_mode=feedback_mode,
        )
        record(events.course_created(course=course, by=by))
    return course


def _shift_year(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def copy_course(*, source: Course, year: int, by: User | None = None) -> Course:
    """Next edition from ``source``: settings, questions and requirements; no results.
    ``by`` is the coordinator doing it (None for the system: commands, the demo)."""
    if by is not None:
        permissions.require_coordinator(by)
    shift = year - source.year
    with transaction.atomic():
        if Course.objects.filter(year=year, title=source.title).exists():
            raise TrainingError(_("There is already an edition with this title that year."))
        course = Course.objects.create(
            year=year,
            title=source.title,
            opens_on=_shift_year(source.opens_on, shift),
            closes_on=_shift_year(source.closes_on, shift),
            pass_mark_percent=source.pass_mark_percent,
            topic_minimum_percent=source.topic_minimum_percent,
            feedback_mode=source.feedback_mode,
            diploma_signatory=source.diploma_signatory,
            enrol_all_officials=source.enrol_all_officials,
        )
        course.departments.set(source.departments.all())
        CourseQuestion.objects.bulk_create(
            CourseQuestion(course=course, entry_id=slot.entry_id, position=slot.position)
            for slot in source.slots.all()
        )
        PracticalRequirement.objects.bulk_create(
            PracticalRequirement(
                course=course,
                kind=r.kind,
                required_count=r.required_count,
                description=r.description,
            )
            for r in source.requirements.all()
        )
        record(events.course_copied(course=course, source=source, by=by))
    return course


def add_questions(*, course: Course, entries: list[QuestionEntry], by=None) -> int:
    """Put questions in an edition (those already there are left as they are)."""
    with transaction.atomic():
        present = set(course.slots.values_list("entry_id", flat=True))
        start = (course.slots.aggregate(m=Max("position"))["m"] or 0) + 1
        new = [e for e in entries if e.pk not in present]
        CourseQuestion.objects.bulk_create(
            CourseQuestion(course=course, entry=entry, position=start + i)
            for i, entry in enumerate(new)
        )
        if new:
            record(events.questions_added(course=course, count=len(new), by=by))
    return len(new)


def set_requirement(*, course: Course, kind: str, required_count: int, description: str = ""):
    with transaction.atomic():
        requirement, _created = PracticalRequirement.objects.update_or_create(
            course=course,
            kind=kind,
            defaults={"required_count": required_count, "description": description},
        )
    return requirement
