"""Who may do what in the training app; used by views, selectors, services, the admin and
templates.

Two kinds of people: participants (every official enrolled in an edition) and the LOTS
coordinator (*samordnare*, or a superuser) who runs the course. The ``require_*`` functions raise
``NotPermitted`` (shown as the 403 page with its message); the queryset filters give the
selectors and the admin the same answer as the yes/no functions, so list and detail agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts import permissions as org

from .errors import NotPermitted
from .models import Course, PracticalActivity

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    AnyUser = User | AnonymousUser | None

M = TypeVar("M", bound=Model)


def can_coordinate(user: AnyUser) -> bool:
    """The LOTS coordinator (samordnare) runs the course: approvals, diplomas, statistics."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return org.is_samordnare(user) or user.is_superuser


def require_coordinator(user: AnyUser) -> None:
    """For the coordinator's pages and writes: anyone else is refused (the 403 page)."""
    if not can_coordinate(user):
        raise NotPermitted()


def coordinated(user: AnyUser, queryset: QuerySet[M]) -> QuerySet[M]:
    """The coordinator's view of a training table: all of it, or nothing for anyone else.
    The coordinator pages' selectors and the admin's querysets both go through here."""
    return queryset if can_coordinate(user) else queryset.none()


def enrolled_courses(user: AnyUser) -> QuerySet[Course]:
    """The editions ``user`` takes part in: all officials, or their departments only."""
    if user is None or not user.is_authenticated or not org.is_official(user):
        return Course.objects.none()
    return Course.objects.filter(
        Q(enrol_all_officials=True) | Q(departments__in=org.department_ids(user))
    ).distinct()


def is_enrolled(user: AnyUser, course: Course) -> bool:
    return enrolled_courses(user).filter(pk=course.pk).exists()


def require_enrolled(user: AnyUser, course: Course) -> None:
    if not is_enrolled(user, course):
        raise NotPermitted(_("You are not enrolled in this course."))


def can_propose_question(user: AnyUser) -> bool:
    return org.is_official(user)


def require_can_propose(user: AnyUser) -> None:
    if not can_propose_question(user):
        raise NotPermitted(_("Only officials of the municipality can propose questions."))


def can_review_activity(user: AnyUser, activity: PracticalActivity) -> bool:
    """The coordinator reviews others' activities; nobody approves their own, not even a
    superuser (the admin included: it calls the same service)."""
    return can_coordinate(user) and user is not None and activity.user_id != user.pk


def require_review_activity(user: AnyUser, activity: PracticalActivity) -> None:
    require_coordinator(user)
    if not can_review_activity(user, activity):
        raise NotPermitted(_("You cannot approve your own activity."))


def can_administer_training(user: AnyUser) -> bool:
    """The training part of the admin: staff accounts that are coordinators. Django's model
    permissions are asked as well (see ``training.admin``), so it never opens wider than both."""
    return bool(user is not None and user.is_active and user.is_staff and can_coordinate(user))
