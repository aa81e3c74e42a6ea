"""Item 3 of issue 10: the cache (Redis) is down and a business owner sends a public form.

The rate limit's counts live in the cache. With the test's own Redis stopped, each public form
lets the request through (logged at WARNING), stores what was sent, and the receipt waits in
the outbox; nothing answers 500 and nothing typed is lost.
"""

import logging
import time

import pytest
from django.urls import reverse

from cases.models import Case
from notifications.models import OutboxMessage
from tests.public.conftest import BUSINESS, keyed, started

pytestmark = pytest.mark.django_db

INTAKE = "/foretag/"


def warnings_about_the_cache(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and "cache is unreachable" in r.getMessage()
    ]


def test_with_its_cache_up_the_public_form_counts_in_that_redis(
    client, form_data, own_redis, settings
):
    settings.PUBLIC_INTAKE_RATE = "1/h"
    assert client.post(INTAKE, form_data).status_code == 302
    again = client.post(INTAKE, keyed({**form_data, "description": "En andra sak."}))
    assert again.status_code == 429  # the count is in the test's Redis: the limit holds
    assert Case.objects.count() == 1


def test_a_matter_sent_while_redis_is_down_is_stored_and_its_receipt_waits(
    client, form_data, own_redis, caplog, django_capture_on_commit_callbacks
):
    own_redis.stop()
    caplog.set_level(logging.WARNING)
    began = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INTAKE, form_data)
    took = time.monotonic() - began

    assert response.status_code == 302
    assert response["Location"] == reverse("public:receipt")
    case = Case.objects.get()
    assert case.description == form_data["description"]
    receipt = OutboxMessage.objects.filter(recipient=BUSINESS)
    assert receipt.count() == 1  # written with the case; sent now or by the sweep
    assert case.number in client.get(response["Location"]).content.decode()
    assert warnings_about_the_cache(caplog)
    assert took < 5, f"a cache that is down held the request for {took:.1f} s"


def test_a_reply_and_a_link_request_work_while_redis_is_down(
    client, submitted, own_redis, caplog, django_capture_on_commit_callbacks
):
    own_redis.stop()
    caplog.set_level(logging.WARNING)
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(
            reverse("public:track", args=[submitted.token]),
            keyed({"body": "Här är ritningen."}),
        )
        link = client.post(
            reverse("public:resend_link"), {"email": BUSINESS, "form_started": started()}
        )

    assert reply.status_code == 302
    assert submitted.case.messages.get().body == "Här är ritningen."
    assert link.status_code == 200
    assert len(warnings_about_the_cache(caplog)) == 2


def test_the_diploma_check_answers_while_redis_is_down(client, own_redis, caplog):
    own_redis.stop()
    caplog.set_level(logging.WARNING)
    response = client.get(reverse("diploma:verify", args=["ABCD-EFGH-JKLM"]))
    assert response.status_code == 404  # the kind "not found" page, not an error
    assert warnings_about_the_cache(caplog)


def test_when_redis_is_back_the_limit_counts_again(client, form_data, own_redis, settings):
    settings.PUBLIC_INTAKE_RATE = "1/h"
    own_redis.stop()
    assert client.post(INTAKE, form_data).status_code == 302
    own_redis.start()
    assert client.post(INTAKE, keyed({**form_data, "description": "Två."})).status_code == 302
    assert client.post(INTAKE, keyed({**form_data, "description": "Tre."})).status_code == 429
    assert Case.objects.count() == 2


def test_an_official_asks_for_a_reset_link_while_redis_is_down(
    client, own_redis, caplog, django_capture_on_commit_callbacks, mailoutbox
):
    from tests.factories import UserFactory

    official = UserFactory(email="lotta.lots@exempelby.se")
    own_redis.stop()
    caplog.set_level(logging.WARNING)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": official.email})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert [message.to for message in mailoutbox] == [[official.email]]
    assert warnings_about_the_cache(caplog)
