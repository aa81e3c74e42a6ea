"""Signing in through the real test provider (tests/oidc_provider.py) with Django's test client:
the portal sends the browser to the provider, the "browser" (requests) picks a user on the
provider's form, and the provider's redirect back is followed with the test client."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from accounts import oidc
from tests.oidc_provider import OIDCProvider

ANNA = {
    "sub": "anna-1",
    "email": "Anna.Berg@kommun.example",
    "name": "Anna Berg",
    "employee_id": "E1001",
    "groups": ["lots-miljo"],
}
NOBODY = {
    "sub": "nils-2",
    "email": "nils@kommun.example",
    "name": "Nils Utan Grupp",
    "groups": ["kommunens-alla"],
}


@pytest.fixture
def provider(settings):
    running = OIDCProvider(users={"anna": dict(ANNA), "nils": dict(NOBODY)}).start()
    settings.OIDC_DISCOVERY_URL = running.discovery_url
    settings.OIDC_CLIENT_ID = running.client_id
    settings.OIDC_CLIENT_SECRET = running.client_secret
    oidc.forget_clients()
    yield running
    running.stop()
    oidc.forget_clients()


def at_provider(provider: OIDCProvider, authorize_url: str, username: str) -> str:
    """The browser at the provider: opens its form, signs in; returns the redirect back."""
    assert requests.get(authorize_url, timeout=5).status_code == 200
    form = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
    answer = requests.post(
        f"{provider.issuer}/authorize",
        data={**form, "username": username},
        allow_redirects=False,
        timeout=5,
    )
    return answer.headers["Location"]


def start(client, next_url: str | None = None) -> str:
    response = client.get("/konto/kommunens-konto/", {"next": next_url} if next_url else {})
    assert response.status_code == 302, response.content
    return response["Location"]


def sign_in_through(client, provider: OIDCProvider, username: str, **follow):
    callback = at_provider(provider, start(client), username)
    return client.get(callback, **follow)
