"""The second factor: asked of an administrator who signed in with a password before the admin
opens; enrolment with a QR code and recovery codes; a lost phone; the logged reset."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SignInEvent, SignInEventKind
from tests.factories import TEST_PASSWORD, UserFactory, official

pytestmark = pytest.mark.django_db


def password_sign_in(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(client) -> list[str]:
    page = client.get(reverse("accounts:otp_enrol"))
    assert "Aktivera tvåfaktorinloggning" in page.content.decode()
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    answer = client.post(
        reverse("accounts:otp_enrol"), {"code": current_code(device), "next": "/admin/"}
    )
    assert "Dina reservkoder" in answer.content.decode()
    return answer.context["codes"]


@pytest.fixture
def superuser(db):
    return UserFactory(
        full_name="Ada Admin", email="ada@kommun.example", is_staff=True, is_superuser=True
    )


def test_an_administrator_with_a_password_enrols_before_the_admin_opens(client, superuser):
    password_sign_in(client, superuser)

    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    response = client.get(response["Location"])
    assert response["Location"].startswith(reverse("accounts:otp_enrol"))  # no device yet

    codes = enrol(client)
    assert len(codes) == 10
    assert client.get(reverse("admin:index")).status_code == 200
    assert SignInEvent.objects.filter(kind=SignInEventKind.OTP_ENROLLED, user=superuser).exists()


def test_the_next_sign_in_asks_for_the_code_and_refuses_a_wrong_one(client, superuser):
    password_sign_in(client, superuser)
    enrol(client)
    client.post(reverse("accounts:logout"))

    password_sign_in(client, superuser)
    assert client.get(reverse("admin:index")).status_code == 302
    wrong = client.post(reverse("accounts:otp_verify"), {"code": "000000", "next": "/admin/"})
    assert "Koden är fel eller har gått ut" in wrong.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302

    device = TOTPDevice.objects.get(user=superuser, confirmed=True)
    device.last_t = -1  # the enrolment's code may be the current one: allow it again
    device.throttling_failure_timestamp = None  # a wrong code makes the next wait a second
    device.save()
    right = client.post(
        reverse("accounts:otp_verify"), {"code": current_code(device), "next": "/admin/"}
    )
    assert right["Location"] == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200
    kinds = set(SignInEvent.objects.filter(user=superuser).values_list("kind", flat=True))
    assert {"password_success", "otp_failure", "otp_success", "signed_out"} <= kinds


def test_a_lost_phone_a_recovery_code_works_once(client, superuser):
    password_sign_in(client, superuser)
    codes = enrol(client)
    client.post(reverse("accounts:logout"))

    password_sign_in(client, superuser)
    client.post(reverse("accounts:otp_verify"), {"code": codes[0].upper(), "next": "/admin/"})
    assert client.get(reverse("admin:index")).status_code == 200
    client.post(reverse("accounts:logout"))

    password_sign_in(client, superuser)
    again = client.post(reverse("accounts:otp_verify"), {"code": codes[0], "next": "/admin/"})
    assert "Koden är fel" in again.content.decode()
    assert SignInEvent.objects.filter(kind=SignInEventKind.OTP_RECOVERY_USED).count() == 1


def test_an_administrator_resets_a_lost_second_factor_and_it_is_logged(client, superuser):
    colleague = UserFactory(email="bo@kommun.example", is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=colleague, name="phone", confirmed=True)
    password_sign_in(client, superuser)
    enrol(client)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [colleague.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    event = SignInEvent.objects.get(kind=SignInEventKind.OTP_RESET)
    assert (event.user, event.actor) == (colleague, superuser)
    log = client.get(reverse("admin:accounts_signinevent_changelist")).content.decode()
    assert "Tvåfaktor återställd av administratör" in log


def test_an_official_without_admin_rights_is_not_asked(client, lots):
    password_sign_in(client, lots)
    assert client.get(reverse("cases:my_work")).status_code == 200


def test_a_setting_asks_everyone(client, lots, settings):
    settings.TWO_FACTOR_FOR_EVERYONE = True
    password_sign_in(client, lots)
    response = client.get(reverse("cases:my_work"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))


def test_failed_sign_ins_and_lock_out_are_in_the_audit_log(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    user = official(email="per@kommun.example")
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": user.email, "password": "wrong"})
    kinds = list(SignInEvent.objects.values_list("kind", flat=True))
    assert kinds.count("password_failure") >= 2
    assert "locked_out" in kinds


def test_the_admin_sign_in_form_is_the_portals(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("model", ["claimmapping", "signinevent"])
def test_the_new_admin_lists_take_nul_bytes_in_search_and_filters(client, superuser, model):
    client.force_login(superuser)
    response = client.get(
        f"/admin/accounts/{model}/?q=u%0C9%00&_facets=-9999999999&role__exact=%2B%00&kind__exact=%00"
    )
    assert response.status_code in (200, 302)
