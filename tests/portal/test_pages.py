import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_visitor_start_page_is_swedish_with_skip_link_and_sign_in(client):
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in page
    assert 'href="#main"' in page
    assert "Logga in för anställda" in page


def test_browser_language_does_not_override_swedish_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="sv">' in response.content.decode()


def test_language_switch_to_english_and_back(client, lots):
    client.force_login(lots)

    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Welcome, Lotta Lots" in page

    response = client.post(reverse("set_language"), {"language": "sv", "next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "Välkommen, Lotta Lots" in page


def test_start_page_shows_the_officials_departments(client, lots):
    client.force_login(lots)
    page = client.get("/").content.decode()
    assert "Miljö- och hälsoskydd" in page
    assert "Företagslots" in page


def test_staff_see_admin_in_the_menu_and_officials_do_not(client, lots, admin_user):
    client.force_login(lots)
    assert 'href="/admin/"' not in client.get("/").content.decode()
    client.force_login(admin_user)
    assert 'href="/admin/"' in client.get("/").content.decode()


def test_friendly_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Vi hittade inte sidan" in response.content.decode()


def test_accessibility_statement_has_a_way_to_report_problems(client):
    page = client.get(reverse("accessibility")).content.decode()
    assert "Tillgänglighetsredogörelse" in page
    assert "mailto:" in page
