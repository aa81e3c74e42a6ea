"""The OIDC client (Authlib) for signing in with the municipality's account.

Configured by settings (``OIDC_*``, from the environment; README lists them). The provider's
metadata comes from its discovery document and is kept for ``OIDC_METADATA_SECONDS``; the flow
is the authorisation code flow with PKCE (S256), state and nonce, and the ID token's signature,
issuer, audience, expiry and nonce are checked by Authlib against the provider's JWKS.
"""

from __future__ import annotations

import time
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from joserfc.errors import JoseError

CLIENT_NAME = "municipality"

# What a refused or broken answer of the provider raises: shown as an error page, logged.
PROVIDER_ERRORS = (AuthlibBaseError, JoseError, requests.RequestException, ValueError, KeyError)

_clients: dict[tuple, Any] = {}


def enabled() -> bool:
    return bool(settings.OIDC_DISCOVERY_URL and settings.OIDC_CLIENT_ID)


def client():
    """The registered Authlib client for the current settings (one per configuration)."""
    key = (
        settings.OIDC_DISCOVERY_URL,
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        settings.OIDC_SCOPES,
    )
    app = _clients.get(key)
    loaded_at = app.server_metadata.get("_loaded_at") if app is not None else None
    if app is not None and loaded_at and time.time() - loaded_at > settings.OIDC_METADATA_SECONDS:
        app = None
    if app is None:
        oauth = OAuth()
        app = oauth.register(
            name=CLIENT_NAME,
            client_id=settings.OIDC_CLIENT_ID,
            client_secret=settings.OIDC_CLIENT_SECRET or None,
            server_metadata_url=settings.OIDC_DISCOVERY_URL,
            client_kwargs={
                "scope": settings.OIDC_SCOPES,
                "code_challenge_method": "S256",
                "default_timeout": settings.OIDC_TIMEOUT_SECONDS,
                "token_endpoint_auth_method": settings.OIDC_TOKEN_AUTH_METHOD,
            },
        )
        _clients[key] = app
    return app


def forget_clients() -> None:
    _clients.clear()
