"""Who may see and do what in business development. Used by views, selectors, the admin.

Every official reads visits, insights, workshops and ideas (spreading the insights is the
point); a visit's confidential notes are read by those taking part and the responsible
department. Changing a visit, workshop or idea is for those who own it.
"""

from __future__ import annotations

from accounts import permissions as roles
from cases.permissions import is_official

from .models import Idea, Visit, Workshop
from .workflow import IdeaStatus

__all__ = [
    "can_edit_idea",
    "can_edit_visit",
    "can_edit_workshop",
    "can_publish",
    "can_read_visit_notes",
    "can_view_statistics",
    "is_official",
]


def _manager(user) -> bool:
    return bool(user.is_superuser or roles.is_samordnare(user))


def can_read_visit_notes(user, visit: Visit) -> bool:
    if not is_official(user):
        return False
    return bool(
        _manager(user)
        or visit.created_by_id == user.pk
        or roles.is_member_of(user, visit.department_id)
        or any(p.user_id == user.pk for p in visit.taking_part.all())
    )


def can_edit_visit(user, visit: Visit) -> bool:
    return can_read_visit_notes(user, visit)


def can_edit_workshop(user, workshop: Workshop) -> bool:
    if not is_official(user):
        return False
    return bool(
        _manager(user)
        or workshop.created_by_id == user.pk
        or any(p.pk == user.pk for p in workshop.participants.all())
    )


def can_edit_idea(user, idea: Idea) -> bool:
    """Its owner, whoever proposed it, the responsible department, samordnare."""
    if not is_official(user):
        return False
    return bool(
        _manager(user)
        or idea.owner_id == user.pk
        or idea.created_by_id == user.pk
        or roles.is_member_of(user, idea.department_id)
    )


def can_publish(user, idea: Idea | None = None) -> bool:
    """Who may publish is configured in the admin (the permission "Can publish realised
    improvements", to a user or a group); only a realised idea is published."""
    if not is_official(user) or not user.has_perm("development.publish_idea"):
        return False
    return idea is None or idea.status == IdeaStatus.REALISED


def can_view_statistics(user) -> bool:
    return is_official(user) and roles.can_view_statistics(user)
