"""The municipality's way of signing in, in the browser, against a real OIDC provider on
127.0.0.1: an official signs in through the provider and lands on Mitt arbete in the right
department; an administrator with a password is asked for the TOTP code before the admin
opens; a user without mapped groups gets the explanation page; signing out ends both sessions."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import oidc
from accounts.models import ClaimMapping, Role
from tests.factories import TEST_PASSWORD, DepartmentFactory, UserFactory
from tests.oidc_provider import OIDCProvider

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ANNA = {
    "sub": "anna-1",
    "email": "anna.berg@kommun.example",
    "name": "Anna Berg",
    "employee_id": "E1001",
    "groups": ["lots-bygg"],
}
NILS = {"sub": "nils-2", "email": "nils@kommun.example", "name": "Nils", "groups": ["alla"]}


@pytest.fixture
def provider(settings):
    running = OIDCProvider(users={"anna": ANNA, "nils": NILS}).start()
    settings.OIDC_DISCOVERY_URL = running.discovery_url
    settings.OIDC_CLIENT_ID = running.client_id
    settings.OIDC_CLIENT_SECRET = running.client_secret
    oidc.forget_clients()
    yield running
    running.stop()
    oidc.forget_clients()


def at_the_provider(page, username: str) -> None:
    page.goto("/konto/logga-in/")
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_load_state()


def test_an_official_signs_in_through_the_provider_and_out_of_both(page, provider):
    bygg = DepartmentFactory(name="Bygglov och tillsyn", code="bygg")
    ClaimMapping.objects.create(claim_value="lots-bygg", department=bygg, role=Role.SAMORDNARE)

    at_the_provider(page, "anna")

    assert page.url.endswith("/arenden/mitt-arbete/")
    assert page.get_by_role("heading", name=re.compile("Mitt arbete")).first.is_visible()
    page.goto("/konto/profil/")
    assert "Bygglov och tillsyn" in page.content()

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(re.compile(r"/konto/logga-in/"))
    assert provider.logouts and provider.logouts[-1]["id_token_hint"]
    page.goto("/arenden/mitt-arbete/")
    assert "/konto/logga-in/" in page.url


def test_a_user_without_mapped_groups_gets_the_explanation(page, provider):
    at_the_provider(page, "nils")

    assert page.get_by_role("heading", name="Ingen behörighet till Lotsportalen ännu").is_visible()
    assert "nils@kommun.example" in page.content()


def test_an_administrator_with_a_password_gives_the_code_before_the_admin(page, sign_in, provider):
    admin = UserFactory(email="ada@kommun.example", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=admin, name="telefon", confirmed=True)

    sign_in(admin.email, TEST_PASSWORD)
    page.goto("/admin/")

    assert "/konto/tvafaktor/" in page.url
    assert page.get_by_role("heading", name="Tvåfaktorinloggning").is_visible()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.get_by_label("Kod").fill(code)
    page.get_by_role("button", name="Bekräfta").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert "Lotsportalen" in page.title()
