"""Signing in with the municipality's account against a real OIDC provider on 127.0.0.1."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from accounts.models import ClaimMapping, Membership, Role, SignInEvent, SignInEventKind, User
from tests.factories import DepartmentFactory, official

from .oidc_helpers import at_provider, sign_in_through, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def miljo(db):
    department = DepartmentFactory(name="Miljö- och hälsoskydd", code="miljo")
    ClaimMapping.objects.create(claim_value="lots-miljo", department=department, role=Role.LOTS)
    return department


def test_sign_in_page_offers_the_municipalitys_account_only_when_configured(client, settings):
    settings.OIDC_DISCOVERY_URL = ""
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Logga in med kommunens konto" not in page
    assert client.get("/konto/kommunens-konto/").status_code == 404
    assert client.get("/konto/kommunens-konto/svar/").status_code == 404

    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    settings.OIDC_CLIENT_ID = "lotsportalen"
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Logga in med kommunens konto" in page
    assert 'name="password"' in page


def test_password_sign_in_can_be_switched_off(client, settings):
    settings.PASSWORD_SIGN_IN_ENABLED = False
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    settings.OIDC_CLIENT_ID = "lotsportalen"
    user = official(email="lokal@kommun.example")

    page = client.get(reverse("accounts:login")).content.decode()
    assert 'name="password"' not in page
    response = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": "correct horse battery staple"},
    )
    assert not response.wsgi_request.user.is_authenticated


def test_official_signs_in_through_the_provider_with_pkce_and_lands_on_my_work(
    client, provider, miljo
):
    response = sign_in_through(client, provider, "anna")

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:my_work")
    user = User.objects.get(email="anna.berg@kommun.example")
    assert (user.full_name, user.employee_id, user.oidc_subject) == ("Anna Berg", "E1001", "anna-1")
    assert not user.has_usable_password()
    assert list(Membership.objects.filter(user=user).values_list("department", "role")) == [
        (miljo.pk, Role.LOTS)
    ]
    # The flow the provider saw: code flow with PKCE (S256), nonce and state, then the token
    # request with the verifier and the client's secret.
    authorize = provider.authorize_requests[-1]
    assert authorize["code_challenge_method"] == "S256"
    assert authorize["nonce"] and authorize["state"]
    assert "openid" in authorize["scope"].split()
    assert provider.token_requests[-1]["code_verifier"]
    page = client.get(reverse("cases:my_work")).content.decode()
    assert "Anna Berg" in page
    assert SignInEvent.objects.filter(kind=SignInEventKind.SSO_SUCCESS, user=user).exists()


def test_groups_decide_departments_and_roles_at_every_sign_in(client, provider, miljo):
    bygg = DepartmentFactory(name="Bygglov", code="bygg")
    ClaimMapping.objects.create(
        claim_value="lots-samordnare", department=bygg, role=Role.SAMORDNARE
    )
    ClaimMapping.objects.create(claim_value="chef-bygg", department=bygg, role=Role.AVDELNINGSCHEF)
    provider.users["anna"]["groups"] = ["lots-miljo", "lots-samordnare", "chef-bygg"]
    sign_in_through(client, provider, "anna")
    user = User.objects.get(oidc_subject="anna-1")
    assert dict(Membership.objects.filter(user=user).values_list("department", "role")) == {
        miljo.pk: Role.LOTS,
        bygg.pk: Role.AVDELNINGSCHEF,
    }

    client.post(reverse("accounts:logout"))
    provider.users["anna"].update(groups=["lots-samordnare"], name="Anna Berg-Ek")
    sign_in_through(client, provider, "anna")
    user.refresh_from_db()
    assert user.full_name == "Anna Berg-Ek"
    assert dict(Membership.objects.filter(user=user).values_list("department", "role")) == {
        bygg.pk: Role.SAMORDNARE
    }


def test_a_user_whose_groups_map_to_nothing_gets_the_explanation_page(client, provider, miljo):
    response = sign_in_through(client, provider, "nils")

    assert response.status_code == 403
    page = response.content.decode()
    assert "Ingen behörighet till Lotsportalen ännu" in page
    assert "nils@kommun.example" in page
    assert not response.wsgi_request.user.is_authenticated
    assert not User.objects.filter(email="nils@kommun.example").exists()
    event = SignInEvent.objects.get(kind=SignInEventKind.SSO_NO_ACCESS)
    assert "kommunens-alla" in event.detail


def _callback_with(callback: str, **changes) -> str:
    parts = urlsplit(callback)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | changes
    return parts.path + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def _refused(response):
    assert response.status_code == 400
    assert "Inloggningen fungerade inte" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert SignInEvent.objects.filter(kind=SignInEventKind.SSO_FAILURE).exists()


def test_a_tampered_state_is_refused(client, provider, miljo):
    callback = at_provider(provider, start(client), "anna")
    _refused(client.get(_callback_with(callback, state="forged-state")))


def test_an_id_token_with_another_nonce_is_refused(client, provider, miljo):
    provider.tamper = {"nonce": "someone-elses-nonce"}
    _refused(sign_in_through(client, provider, "anna"))
    assert not User.objects.filter(oidc_subject="anna-1").exists()


def test_an_id_token_for_another_audience_is_refused(client, provider, miljo):
    provider.tamper = {"aud": "another-application"}
    _refused(sign_in_through(client, provider, "anna"))


def test_an_id_token_from_another_issuer_is_refused(client, provider, miljo):
    provider.tamper = {"iss": "http://127.0.0.1:1/evil"}
    _refused(sign_in_through(client, provider, "anna"))


def test_an_expired_code_is_refused(client, provider, miljo):
    provider.code_lifetime = -1
    _refused(sign_in_through(client, provider, "anna"))


def test_a_refusal_from_the_provider_is_shown(client, provider, miljo):
    callback = at_provider(provider, start(client), "unknown-user")
    assert "error=access_denied" in callback
    _refused(client.get(callback))


def test_a_provider_that_is_down_gives_a_clear_page(client, provider, miljo):
    callback = at_provider(provider, start(client), "anna")
    provider.stop()
    response = client.get(callback)
    assert response.status_code == 502
    assert "kan inte nås just nu" in response.content.decode()

    from accounts import oidc

    oidc.forget_clients()  # the discovery document is fetched again, and fails
    response = client.get("/konto/kommunens-konto/")
    assert response.status_code == 502
    assert "kan inte nås just nu" in response.content.decode()


def test_sign_out_ends_the_portal_session_and_the_providers(client, provider, miljo):
    sign_in_through(client, provider, "anna")

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 200
    provider_url = response.context["provider_url"]
    assert provider_url.startswith(f"{provider.issuer}/logout?")
    assert f'content="0;url={provider_url.replace("&", "&amp;")}"' in response.content.decode()
    query = parse_qs(urlsplit(provider_url).query)
    assert query["id_token_hint"][0].count(".") == 2
    assert query["post_logout_redirect_uri"][0] == "http://testserver/konto/logga-in/"
    assert client.get(reverse("cases:my_work")).status_code == 302  # signed out here
    import requests

    back = requests.get(provider_url, allow_redirects=False, timeout=5)
    assert back.headers["Location"].startswith("http://testserver/konto/logga-in/")
    assert provider.logouts
    assert SignInEvent.objects.filter(kind=SignInEventKind.SIGNED_OUT).exists()


def test_a_password_user_signs_out_without_the_provider(client, provider):
    user = official(email="lokal@kommun.example")
    client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": "correct horse battery staple"},
    )
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
    assert not provider.logouts


def test_an_address_held_by_another_identity_is_never_merged(client, provider, miljo):
    holder = official(email="anna.berg@kommun.example", full_name="Anna Annan")
    holder.oidc_subject = "someone-else"
    holder.save()

    response = sign_in_through(client, provider, "anna")

    assert response.status_code == 403
    assert "hör till ett annat konto" in response.content.decode()
    holder.refresh_from_db()
    assert (holder.full_name, holder.oidc_subject) == ("Anna Annan", "someone-else")
    assert not response.wsgi_request.user.is_authenticated


def test_a_group_mapping_added_in_the_admin_keeps_its_history(client, admin_user, department):
    from confighistory.models import ConfigChange

    client.force_login(admin_user)
    response = client.post(
        reverse("admin:accounts_claimmapping_add"),
        {"claim_value": "lots-miljo", "department": department.pk, "role": Role.SAMORDNARE},
    )

    assert response.status_code == 302
    mapping = ClaimMapping.objects.get()
    change = ConfigChange.objects.of(ClaimMapping, mapping.pk).get()
    assert change.changes["claim_value"] == {"old": "", "new": "lots-miljo"}
    assert change.actor == admin_user
