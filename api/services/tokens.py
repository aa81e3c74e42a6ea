"""Issuing, checking and revoking API tokens. Only a token's SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import ApiError
from ..models import ApiToken, Integration, Scope

TOKEN_PREFIX = "lots_"  # noqa: S105 - the prefix of every token, no token


def digest_of(raw: str) -> str:
    """A token is 32 random bytes: a plain SHA-256 is enough (no password to stretch)."""
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str  # shown once, never stored


@transaction.atomic
def create_integration(*, name: str, owner, service_user, by) -> Integration:
    if Integration.objects.filter(service_user=service_user).exists():
        raise ApiError(_("That user already acts for another integration."))
    return Integration.objects.create(name=name.strip(), owner=owner, service_user=service_user)


@transaction.atomic
def update_integration(*, integration: Integration, name: str, owner, by) -> Integration:
    integration = Integration.objects.select_for_update().get(pk=integration.pk)
    integration.name, integration.owner = name.strip(), owner
    integration.save(update_fields=["name", "owner"])
    return integration


@transaction.atomic
def issue_token(
    *, integration: Integration, scopes: Iterable[str], by, name: str = ""
) -> IssuedToken:
    chosen = sorted(set(scopes))
    if not chosen:
        raise ApiError(_("Choose at least one scope."))
    unknown = set(chosen) - set(Scope.values)
    if unknown:
        raise ApiError(_("Unknown scope."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        integration=integration,
        name=name.strip(),
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        digest=digest_of(raw),
        scopes=chosen,
        created_by=by,
    )
    return IssuedToken(token=token, raw=raw)


@transaction.atomic
def revoke_tokens(*, token_ids: Iterable[int], by) -> int:
    return ApiToken.objects.filter(pk__in=list(token_ids), revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def authenticate(raw: str) -> ApiToken | None:
    """The active token for ``raw`` (with its integration and service user), or None.

    The last-use time is written at most once a minute per token (``API_TOKEN_TOUCH_SECONDS``)
    so that a busy integration does not write a row per request.
    """
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("integration__service_user")
        .filter(digest=digest_of(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    stale = now - timedelta(seconds=settings.API_TOKEN_TOUCH_SECONDS)
    if token.last_used_at is None or token.last_used_at < stale:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
