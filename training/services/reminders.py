"""Reminders through the outbox: the course opens; two weeks before it closes."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lotsportal.site import site_url
from notifications.services import queue_email
from training.models import Course, CourseResult

CLOSING_SOON = datetime.timedelta(days=14)


def participants(course: Course):
    """Active officials enrolled in ``course`` (one query)."""
    users = get_user_model().objects.filter(is_active=True, memberships__department__is_active=True)
    if not course.enrol_all_officials:
        users = users.filter(memberships__department__in=course.departments.all())
    return users.distinct().order_by("pk")


def send_due_reminders(*, today: datetime.date | None = None) -> int:
    """Queue what is due today; a dedupe key per (user, course, kind) keeps each to one e-mail."""
    today = today or timezone.localdate()
    url = site_url() + reverse("training:home")
    queued = 0
    for course in Course.objects.filter(opens_on__lte=today, closes_on__gte=today):
        closing = today >= course.closes_on - CLOSING_SOON
        passed = set(
            CourseResult.objects.filter(course=course, passed_at__isnull=False).values_list(
                "user_id", flat=True
            )
        )
        context = {
            "course": str(course),
            "year": course.year,
            "closes_on": course.closes_on.isoformat(),
            "url": url,
        }
        with transaction.atomic():
            for user in participants(course).only("pk", "email", "full_name"):
                kinds = ["course_open"]
                if closing and user.pk not in passed:
                    kinds.append("closing_soon")
                for kind in kinds:
                    message = queue_email(
                        to=user.email,
                        template=f"training/email/{kind}",
                        context={**context, "name": user.full_name},
                        related=course,
                        dedupe_key=f"training:{kind}:{user.pk}:{course.pk}",
                    )
                    queued += message is not None
    return queued
