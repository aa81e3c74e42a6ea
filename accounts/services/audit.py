"""The sign-in audit log: one row per event, appended, never edited."""

from __future__ import annotations

from django.http import HttpRequest

from ..models import SignInEvent, SignInEventKind


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_sign_in_event(
    *,
    kind: SignInEventKind,
    request: HttpRequest | None = None,
    user=None,
    username: str = "",
    detail: str = "",
    actor=None,
) -> SignInEvent:
    if not username and user is not None:
        username = user.email
    return SignInEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=username[:255],
        ip_address=client_address(request),
        detail=detail[:500],
        actor=actor,
    )
