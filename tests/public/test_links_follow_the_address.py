"""Issue 13, defect 11: in the newcomer's mode (no SITE_URL) the receipt's "Följ ditt ärende"
link, the e-mails' links and the diploma's verification address used SITE_URL's default port
even when the portal was served elsewhere. They now follow the request's address, whose host
Django checks against ALLOWED_HOSTS first."""

import re

import pytest
from django.urls import reverse

from notifications.models import OutboxMessage
from notifications.services import render_message

from .conftest import BUSINESS

pytestmark = pytest.mark.django_db

ELSEWHERE = "127.0.0.1:8123"


@pytest.fixture
def newcomers_mode(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.SITE_URL_FROM_REQUEST = True
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.PUBLIC_FORM_MIN_SECONDS = 0


def test_the_receipt_and_its_mail_link_to_where_the_portal_is_served(
    client, form_data, newcomers_mode, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reverse("public:intake"), form_data, HTTP_HOST=ELSEWHERE)
    assert sent.status_code == 302

    receipt = client.get(reverse("public:receipt"), HTTP_HOST=ELSEWHERE).content.decode()

    assert re.search(rf'href="http://{re.escape(ELSEWHERE)}/foretag/arende/[^"]+/"', receipt)
    assert "127.0.0.1:8000" not in receipt
    _subject, body = render_message(OutboxMessage.objects.get(recipient=BUSINESS))
    assert f"http://{ELSEWHERE}/foretag/arende/" in body


def test_a_forged_host_never_reaches_a_link(client, form_data, newcomers_mode):
    response = client.post(reverse("public:intake"), form_data, HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_with_site_url_set_the_links_use_it_whatever_the_request(
    client, form_data, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://lots.exempelby.se"
    settings.SITE_URL_FROM_REQUEST = False
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("public:intake"), form_data, HTTP_HOST=ELSEWHERE)

    receipt = client.get(reverse("public:receipt"), HTTP_HOST=ELSEWHERE).content.decode()

    assert 'href="https://lots.exempelby.se/foretag/arende/' in receipt
