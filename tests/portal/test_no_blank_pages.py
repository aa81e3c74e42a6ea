"""Issue 13, defect 10: no blank or technical pages where a person may land.

``GET /utbildning/samordnare/kursomgang/`` (the address of the "copy to next year" button) was
a 405 with an empty body, and ``/diplom/`` a 404; every address meant for a button now answers
a GET with a page that says so, and ``/diplom/`` leads to the verification.
"""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import DepartmentFactory, official
from tests.public.conftest import swedish

pytestmark = pytest.mark.django_db


def test_the_diploma_address_leads_to_verification(client):
    response = client.get("/diplom/")

    assert response.status_code == 200
    page = response.content.decode()
    assert swedish("LOTS diplomas") in page
    assert f'action="{reverse("diploma:verify_form")}"' in page
    assert "Kontrollkod" in page


def test_the_copy_button_address_opened_in_the_browser_shows_the_coordinator_page(client):
    coordinator = official(DepartmentFactory(), Role.SAMORDNARE)
    client.force_login(coordinator)

    response = client.get("/utbildning/samordnare/kursomgang/", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("training:coordinator")


@pytest.mark.parametrize("language,words", [("sv", "This address is for a button"), ("en", None)])
def test_an_address_for_a_button_opened_in_the_browser_says_so(client, language, words):
    lots = official(DepartmentFactory(), Role.LOTS)
    client.force_login(lots)
    client.cookies["django_language"] = language

    response = client.get("/utbildning/1/starta/")

    assert response.status_code == 405
    assert "POST" in response["Allow"]
    page = response.content.decode()
    expected = swedish(words) if words else "This address is for a button"
    assert expected in page
    assert reverse("home") in page
