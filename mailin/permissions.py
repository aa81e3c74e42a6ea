"""Who may handle incoming mail that waits for an official."""

from __future__ import annotations

from accounts.permissions import is_samordnare

from .models import InboundMail


def can_handle_held_mail(user) -> bool:
    """The LOTS coordinators (and administrators) take care of mail no case could take."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or is_samordnare(user)


def can_view_mail(user, mail: InboundMail) -> bool:
    return can_handle_held_mail(user)
