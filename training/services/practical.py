"""The practical LOTS year: participants log activities; the coordinator approves or returns."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from training import permissions
from training.errors import TrainingError
from training.models import ActivityStatus, Course, PracticalActivity, PracticalRequirement

from .diplomas import issue_when_earned
from .history import record


def log_activity(
    *,
    user,
    course: Course,
    requirement: PracticalRequirement,
    date: datetime.date,
    place_or_department: str,
    learned: str,
) -> PracticalActivity:
    if not permissions.is_enrolled(user, course):
        raise TrainingError(_("You are not enrolled in this course."))
    if requirement.course_id != course.pk:
        raise TrainingError(_("That requirement does not belong to this edition."))
    if date > timezone.localdate():
        raise TrainingError(_("The date cannot be in the future."))
    with transaction.atomic():
        activity = PracticalActivity.objects.create(
            user=user,
            course=course,
            requirement=requirement,
            date=date,
            place_or_department=place_or_department.strip(),
            learned=learned.strip(),
        )
        record(
            kind="activity_logged", actor=user, subject=user, course=course, activity=activity.pk
        )
    return activity


def review_activity(
    *, activity: PracticalActivity, by, approve: bool, comment: str = ""
) -> PracticalActivity:
    """Approve, or return with a comment. Only the coordinator; a plain lots is refused."""
    if not permissions.can_coordinate(by):
        raise PermissionDenied
    if not approve and not comment.strip():
        raise TrainingError(_("Say in a comment what is missing when you return an activity."))
    with transaction.atomic():
        activity = (
            PracticalActivity.objects.select_for_update(of=("self",))
            .select_related("course", "user")
            .get(pk=activity.pk)
        )
        if activity.status != ActivityStatus.SUBMITTED:
            raise TrainingError(_("The activity has already been reviewed."))
        if activity.user_id == by.pk and not by.is_superuser:
            raise TrainingError(_("You cannot approve your own activity."))
        activity.status = ActivityStatus.APPROVED if approve else ActivityStatus.RETURNED
        activity.reviewer = by
        activity.review_comment = comment.strip()
        activity.reviewed_at = timezone.now()
        activity.save(update_fields=["status", "reviewer", "review_comment", "reviewed_at"])
        record(
            kind="activity_approved" if approve else "activity_returned",
            actor=by,
            subject=activity.user,
            course=activity.course,
            activity=activity.pk,
            comment=activity.review_comment,
        )
        if approve:
            issue_when_earned(user=activity.user, course=activity.course)
    return activity
