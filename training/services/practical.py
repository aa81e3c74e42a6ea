"""The practical LOTS year: participants log activities; the coordinator approves or returns."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from training import events, permissions
from training.errors import TrainingError, TransitionNotAllowed
from training.models import ActivityStatus, Course, PracticalActivity, PracticalRequirement
from training.workflow import activity_move_allowed

from .diplomas import issue_when_earned
from .history import record

if TYPE_CHECKING:
    from accounts.models import User


def log_activity(
    *,
    user: User,
    course: Course,
    requirement: PracticalRequirement,
    date: datetime.date,
    place_or_department: str,
    learned: str,
) -> PracticalActivity:
    permissions.require_enrolled(user, course)
    if requirement.course_id != course.pk:
        raise TrainingError(_("That requirement does not belong to this edition."))
    if date > timezone.localdate():
        raise TrainingError(_("The date cannot be in the future."))
    with transaction.atomic():
        # Locked, so two tabs cannot both log past a requirement that is met.
        requirement = PracticalRequirement.objects.select_for_update().get(pk=requirement.pk)
        approved = PracticalActivity.objects.filter(
            user=user, requirement=requirement, status=ActivityStatus.APPROVED
        ).count()
        if approved >= requirement.required_count:
            raise TrainingError(
                _("“%(requirement)s” is already met: %(approved)s of %(required)s approved.")
                % {
                    "requirement": requirement.get_kind_display(),
                    "approved": approved,
                    "required": requirement.required_count,
                }
            )
        activity = PracticalActivity.objects.create(
            user=user,
            course=course,
            requirement=requirement,
            date=date,
            place_or_department=place_or_department.strip(),
            learned=learned.strip(),
        )
        record(events.activity_logged(user=user, course=course, activity=activity.pk))
    return activity


def review_activity(
    *, activity: PracticalActivity, by: User, approve: bool, comment: str = ""
) -> PracticalActivity:
    """Approve, or return with a comment. Only the coordinator, and never one's own activity
    (a plain lots is refused, and so is a superuser reviewing themself). The portal's review
    page and the admin's actions both come here."""
    permissions.require_coordinator(by)
    if not approve and not comment.strip():
        raise TrainingError(_("Say in a comment what is missing when you return an activity."))
    target = ActivityStatus.APPROVED if approve else ActivityStatus.RETURNED
    with transaction.atomic():
        activity = (
            PracticalActivity.objects.select_for_update(of=("self",))
            .select_related("course", "user")
            .get(pk=activity.pk)
        )
        if not activity_move_allowed(activity.status, target):
            raise TransitionNotAllowed(_("The activity has already been reviewed."))
        permissions.require_review_activity(by, activity)
        activity.status = target
        activity.reviewer = by
        activity.review_comment = comment.strip()
        activity.reviewed_at = timezone.now()
        activity.save(update_fields=["status", "reviewer", "review_comment", "reviewed_at"])
        record(
            events.activity_reviewed(
                user=activity.user,
                course=activity.course,
                activity=activity.pk,
                approved=approve,
                comment=activity.review_comment,
                by=by,
            )
        )
        if approve:
            issue_when_earned(user=activity.user, course=activity.course)
    return activity


def withdraw_activity(*, activity_id: int) -> bool:
    """The event an activity was logged for did not take place (a cancelled company visit):
    an activity still waiting for approval is withdrawn (removed from the coordinator's queue);
    one the coordinator has already reviewed stays as it is. Returns whether it was withdrawn."""
    with transaction.atomic():
        activity = (
            PracticalActivity.objects.select_for_update(of=("self",)).filter(pk=activity_id).first()
        )
        if activity is None or activity.status != ActivityStatus.SUBMITTED:
            return False
        activity.delete()
    return True
