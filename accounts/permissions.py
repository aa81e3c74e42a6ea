"""Who a user is in the organisation: departments and roles.

Small functions that views, selectors, templates and the other apps' permission modules use.
The user's memberships are read once per request and cached on the user object, so asking
many questions costs one query.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Membership, Role

_CACHE_ATTR = "_lots_roles"


@dataclass(frozen=True)
class Roles:
    department_ids: frozenset[int]
    coordinator_in: frozenset[int]
    lead_of: frozenset[int]

    @property
    def is_samordnare(self) -> bool:
        return bool(self.coordinator_in)

    @property
    def is_department_lead(self) -> bool:
        return bool(self.lead_of)


_NO_ROLES = Roles(frozenset(), frozenset(), frozenset())


def roles_of(user) -> Roles:
    if user is None or not user.is_authenticated:
        return _NO_ROLES
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    rows = Membership.objects.filter(user=user, department__is_active=True).values_list(
        "department_id", "role"
    )
    departments, coordinator, lead = set(), set(), set()
    for department_id, role in rows:
        departments.add(department_id)
        if role == Role.SAMORDNARE:
            coordinator.add(department_id)
        elif role == Role.AVDELNINGSCHEF:
            lead.add(department_id)
    roles = Roles(frozenset(departments), frozenset(coordinator), frozenset(lead))
    setattr(user, _CACHE_ATTR, roles)
    return roles


def forget_roles(user) -> None:
    """Drop the cached roles (after a membership changes in the same request or test)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def department_ids(user) -> frozenset[int]:
    return roles_of(user).department_ids


def is_member_of(user, department_id: int) -> bool:
    return department_id in roles_of(user).department_ids


def is_samordnare(user) -> bool:
    return roles_of(user).is_samordnare


def is_department_lead(user, department_id: int | None = None) -> bool:
    lead_of = roles_of(user).lead_of
    return bool(lead_of) if department_id is None else department_id in lead_of


def is_official(user) -> bool:
    """Any signed-in member of a department (or an administrator)."""
    return bool(roles_of(user).department_ids) or bool(
        user is not None and user.is_authenticated and user.is_superuser
    )


def can_view_statistics(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    roles = roles_of(user)
    return roles.is_samordnare or roles.is_department_lead or user.is_superuser


def can_open_admin(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)
