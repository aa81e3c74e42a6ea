"""Who may see the satisfaction figures and the comments.

The business itself needs no account: its pages are opened by an unguessable link.
"""

from __future__ import annotations

from accounts import permissions as roles


def can_view_satisfaction(user) -> bool:
    """NKI and factor scores with their bands: the LOTS samordnare (and administrators)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or roles.is_samordnare(user)


def can_view_comments(user) -> bool:
    """Any official; the list itself is limited to the cases of the user's departments."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return roles.is_official(user)
