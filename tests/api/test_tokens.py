"""Tokens: issued in the admin and shown once, hashed at rest, scoped, revocable, last use kept.
Errors are problem+json in Swedish or English."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiToken, Scope
from api.services.tokens import digest_of, revoke_tokens

from .conftest import bearer

pytestmark = pytest.mark.django_db


def test_without_a_token_the_api_answers_401_as_a_problem():
    answer = APIClient().get("/api/v1/cases/")
    assert answer.status_code == 401
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["status"] == 401 and answer["WWW-Authenticate"] == "Bearer"
    assert (
        APIClient().get("/api/v1/cases/", HTTP_AUTHORIZATION="Bearer lots_nonsense").status_code
        == 401
    )


def test_a_token_without_the_scope_is_refused_in_the_language_asked_for(diarium):
    reader, _raw = bearer(diarium, scopes=[Scope.READ_CASES])
    assert reader.get("/api/v1/cases/").status_code == 200
    refused = reader.post("/api/v1/cases/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "The token does not have the scope this needs."
    assert refused["Content-Language"] == "en"
    assert reader.get("/api/v1/training/results/").status_code == 403
    hr, _raw = bearer(diarium, scopes=[Scope.READ_TRAINING])
    assert hr.get("/api/v1/cases/").status_code == 403
    assert hr.get("/api/v1/events/").status_code == 403
    assert hr.get("/api/v1/training/results/").status_code == 200
    swedish = hr.get("/api/v1/cases/", HTTP_ACCEPT_LANGUAGE="sv")
    assert swedish["Content-Language"] == "sv"


def test_a_revoked_token_no_longer_works_and_its_last_use_is_kept(diarium):
    client, raw = bearer(diarium)
    assert client.get("/api/v1/cases/").status_code == 200
    token = ApiToken.objects.get()
    assert token.digest == digest_of(raw) and raw not in (token.prefix, token.digest)
    assert token.last_used_at is not None
    revoke_tokens(token_ids=[token.pk], by=diarium.owner)
    assert client.get("/api/v1/cases/").status_code == 401


def test_the_admin_issues_a_token_and_shows_it_once(diarium, admin_client):
    answer = admin_client.post(
        reverse("admin:api_apitoken_add"),
        {"integration": diarium.pk, "name": "Diariet prod", "scopes": ["cases:read"]},
        follow=True,
    )
    token = ApiToken.objects.get()
    shown = next(str(m) for m in answer.context["messages"]).rsplit(" ", 1)[-1]
    assert shown.startswith("lots_") and digest_of(shown) == token.digest
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {shown}")
    assert client.get("/api/v1/cases/").status_code == 200
    listing = admin_client.get(reverse("admin:api_apitoken_changelist")).content.decode()
    assert token.prefix in listing and shown not in listing


def test_only_a_superuser_manages_integrations(client, diarium):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:api_apitoken_add")).status_code == 403
    assert client.get(reverse("admin:api_integration_changelist")).status_code == 403


def test_the_rate_limit_counts_per_token(diarium, settings):
    from rest_framework.settings import api_settings

    from api.throttling import TokenRateThrottle

    TokenRateThrottle.THROTTLE_RATES = {"api_token": "3/min"}
    try:
        client, _raw = bearer(diarium)
        other, _raw = bearer(diarium)
        assert [client.get("/api/v1/cases/").status_code for _ in range(4)] == [200, 200, 200, 429]
        limited = client.get("/api/v1/cases/")
        assert limited["Content-Type"] == "application/problem+json" and "Retry-After" in limited
        assert other.get("/api/v1/cases/").status_code == 200
    finally:
        TokenRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
