import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import TEST_PASSWORD, DepartmentFactory, official

pytestmark = pytest.mark.django_db


def sign_in(client, email, password):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, follow=True
    )


def test_official_signs_in_with_email_and_sees_name_and_departments(client):
    reception = DepartmentFactory(name="Kontaktcenter", code="kc")
    user = official(reception, Role.LOTS, full_name="Anna Andersson", email="anna@kommun.example")

    response = sign_in(client, "Anna@Kommun.example", TEST_PASSWORD)

    assert response.status_code == 200
    assert response.wsgi_request.user == user
    page = response.content.decode()
    assert "Anna Andersson" in page
    assert "Kontaktcenter" in page


def test_wrong_password_shows_a_clear_swedish_error_and_keeps_the_email(client):
    official(email="per@kommun.example")

    response = sign_in(client, "per@kommun.example", "wrong")

    page = response.content.decode()
    assert "E-postadressen eller lösenordet är fel" in page
    assert 'value="per@kommun.example"' in page
    assert not response.wsgi_request.user.is_authenticated


def test_account_is_locked_after_repeated_failures(client, settings):
    official(email="lisa@kommun.example")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "lisa@kommun.example", "wrong")

    response = sign_in(client, "lisa@kommun.example", TEST_PASSWORD)

    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_sign_out_needs_post_and_ends_the_session(client, lots):
    client.force_login(lots)
    response = client.post(reverse("accounts:logout"), follow=True)
    assert not response.wsgi_request.user.is_authenticated


def test_profile_lists_departments_and_roles(client):
    user = official(DepartmentFactory(name="Räddningstjänst", code="rtj"), Role.AVDELNINGSCHEF)
    client.force_login(user)

    page = client.get(reverse("accounts:profile")).content.decode()

    assert "Räddningstjänst" in page
    assert "Avdelningschef" in page


def test_profile_needs_sign_in(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_password_change(client, lots):
    client.force_login(lots)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "ett-nytt-och-langt-losenord",
            "new_password2": "ett-nytt-och-langt-losenord",
        },
    )
    assert response.status_code == 302
    lots.refresh_from_db()
    assert lots.check_password("ett-nytt-och-langt-losenord")


def test_password_reset_by_email(client, mailoutbox, lots):
    response = client.post(reverse("accounts:password_reset"), {"email": lots.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [lots.email]
    assert "/konto/aterstall/" in message.body

    link = next(line for line in message.body.splitlines() if "/konto/aterstall/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    new_password = "ett-annat-langt-losenord"
    client.post(
        form_page.wsgi_request.path,
        {"new_password1": new_password, "new_password2": new_password},
    )
    lots.refresh_from_db()
    assert lots.check_password(new_password)


def test_password_reset_answers_the_same_for_an_unknown_address(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "okand@example.se"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_asking_for_reset_links_is_rate_limited_per_address(client, settings, mailoutbox):
    settings.PASSWORD_RESET_RATE = "3/h"
    for _ in range(3):
        assert (
            client.post(reverse("accounts:password_reset"), {"email": "x@example.se"}).status_code
            == 302
        )

    response = client.post(reverse("accounts:password_reset"), {"email": "x@example.se"})

    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
