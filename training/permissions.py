"""Who may do what in the training app; used by views, selectors, services and templates."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from accounts import permissions as org

from .models import Course


def can_coordinate(user) -> bool:
    """The LOTS coordinator (samordnare) runs the course: approvals, diplomas, statistics."""
    if user is None or not user.is_authenticated:
        return False
    return org.is_samordnare(user) or user.is_superuser


def require_coordinator(user) -> None:
    """For the coordinator's pages: anyone else gets the friendly 403 page."""
    if not can_coordinate(user):
        raise PermissionDenied


def enrolled_courses(user) -> QuerySet[Course]:
    """The editions ``user`` takes part in: all officials, or their departments only."""
    if user is None or not user.is_authenticated or not org.is_official(user):
        return Course.objects.none()
    return Course.objects.filter(
        Q(enrol_all_officials=True) | Q(departments__in=org.department_ids(user))
    ).distinct()


def is_enrolled(user, course: Course) -> bool:
    return enrolled_courses(user).filter(pk=course.pk).exists()


def can_propose_question(user) -> bool:
    return org.is_official(user)
