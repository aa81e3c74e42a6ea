"""The public form with an e-mail address longer than the column holds (254 characters)."""

import pytest

from cases.models import Case
from tests.fuzz.values import long_email

from .test_intake import INTAKE, submit

pytestmark = pytest.mark.django_db

LONG = long_email(300)


def test_an_address_of_255_to_320_characters_is_refused_and_the_text_kept(client, form_data):
    assert 254 < len(LONG) <= 320
    response = submit(client, {**form_data, "email": LONG})

    assert response.status_code == 200
    page = response.content.decode()
    assert "254" in page
    assert form_data["description"] in page
    assert not Case.objects.exists()


def test_the_resend_link_form_refuses_it_too(client):
    response = client.post("/foretag/lank/", {"email": LONG, "form_started": "", "website": ""})
    assert response.status_code in (200, 400)


def test_the_form_field_tells_the_browser_the_limit(client, outdoor_seating):
    assert 'maxlength="254"' in client.get(INTAKE).content.decode()
