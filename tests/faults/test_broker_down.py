"""The broker is down: handing a task to it costs a request a fraction of a second, the
change is stored, and the sweep sends the mail later."""

import time

import pytest
from django.db import transaction
from django.urls import reverse

from lotsportal import tasking
from notifications import services
from notifications.models import OutboxMessage, OutboxStatus

from .conftest import CountingListener, PrivateRedis

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

GENERIC = "notifications/email/generic"


def timed_receipt(n: int) -> float:
    started = time.perf_counter()
    with transaction.atomic():
        services.queue_email(to=f"f{n}@example.se", template=GENERIC, context={"subject": "Hej"})
    return time.perf_counter() - started


def test_a_request_hands_mail_to_a_down_broker_and_the_burst_after_it_does_not_try_it(
    private_redis, publish_to, mailoutbox, caplog
):
    """The first request after the broker died tries it once and gives up at once (connection
    refused); the burst after it does not try at all. Counted on the broker's port, not timed:
    a shared machine stalls a request for half a second now and then, whatever the code does."""
    publish_to(private_redis.url)
    timed_receipt(0)  # the broker is up: published (and the transport's imports are warm)
    assert private_redis.client().llen("celery") == 1
    private_redis.kill()  # the broker's port is now closed

    first = timed_receipt(1)
    assert first < 2.0, f"the first request after the broker died waited {first:.2f} s"
    assert "Broker unavailable" in caplog.text
    assert tasking.broker_seems_down()

    listener = CountingListener(private_redis.port)  # the port answers again, and counts
    try:
        for n in range(2, 12):
            timed_receipt(n)
    finally:
        listener.close()
    assert listener.accepted == 0, "a request in the burst tried the broker it knew was down"
    assert "Broker marked down" in caplog.text
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == 12

    # The sweep (beat; here in-process) sends all twelve: no worker took the first one's task,
    # which will find it sent and do nothing.
    assert services.send_pending() == 12
    assert len(mailoutbox) == 12
    assert services.send_message(message_id=OutboxMessage.objects.first().pk) is None


def test_healthz_answers_quickly_and_says_error_when_the_broker_is_down(client, settings):
    assert client.get(reverse("healthz")).status_code == 200  # warm: imports, URLconf
    down = PrivateRedis()  # a free port where nothing listens
    settings.CELERY_BROKER_URL = down.url
    tasking.reset_broker_state()

    started = time.perf_counter()
    response = client.get(reverse("healthz"))
    elapsed = time.perf_counter() - started

    assert response.status_code == 503
    assert response.json() == {"status": "error"}  # anonymous: no details
    assert elapsed < 1.5, f"/healthz took {elapsed:.2f} s"
    tasking.reset_broker_state()
