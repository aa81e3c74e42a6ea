"""A held company visit counts in the LOTS year of each official who took part."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Role, User
from lotsportal.site import site_url
from notifications.services import queue_email
from training.models import ActivityStatus, RequirementKind
from training.selectors import current_course
from training.services.practical import log_activity, withdraw_activity

from ..models import Visit, VisitParticipant


def log_visit_activities(*, visit: Visit) -> int:
    """Log a practical "company visit" activity, through the training service, for each
    official taking part whose current edition asks for company visits. Once per official and
    visit (the participant row keeps the activity); returns how many were logged."""
    logged = 0
    rows = VisitParticipant.objects.filter(visit=visit, practical_activity__isnull=True)
    for row in rows.select_related("user"):
        course = current_course(user=row.user)
        if course is None:
            continue
        requirement = course.requirements.filter(kind=RequirementKind.COMPANY_VISIT).first()
        if requirement is None:
            continue
        row.practical_activity = log_activity(
            user=row.user,
            course=course,
            requirement=requirement,
            date=visit.date,
            place_or_department=visit.company.name,
            learned=visit.purpose or visit.company.name,
        )
        row.save(update_fields=["practical_activity"])
        logged += 1
    return logged


def withdraw_visit_activities(*, visit: Visit, reason: str) -> tuple[int, int]:
    """The visit is cancelled: the activities logged for it that wait for approval are
    withdrawn (through the training service); those the coordinator already approved stay, and
    the coordinators are told by e-mail (through the outbox). Returns (withdrawn, kept)."""
    withdrawn, kept = 0, []
    rows = VisitParticipant.objects.filter(visit=visit, practical_activity__isnull=False)
    for row in rows.select_related("user", "practical_activity"):
        activity = row.practical_activity
        if activity is None:
            continue
        if withdraw_activity(activity_id=activity.pk):
            row.practical_activity = None
            row.save(update_fields=["practical_activity"])
            withdrawn += 1
        elif activity.status == ActivityStatus.APPROVED:
            kept.append(row.user.full_name or row.user.email)
    if kept:
        _tell_coordinators(visit=visit, reason=reason, people=sorted(kept))
    return withdrawn, len(kept)


def _tell_coordinators(*, visit: Visit, reason: str, people: list[str]) -> None:
    coordinators = (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.SAMORDNARE,
            memberships__department__is_active=True,
        )
        .exclude(email="")
        .distinct()
        .values_list("email", flat=True)
    )
    url = site_url() + reverse("development:visit_detail", args=[visit.pk])
    for email in coordinators:
        queue_email(
            to=email,
            template="development/email/visit_cancelled_approved",
            context={
                "company": visit.company.name,
                "date": visit.date.isoformat(),
                "reason": reason,
                "people": people,
                "url": url,
            },
            related=visit,
            dedupe_key=f"development-visit-cancelled:{visit.pk}:{email}",
        )
