"""The broker (a Redis of the test's own) is killed and restarted under a real worker.

Before issue 10 the worker could exit ("Unrecoverable error: AttributeError('NoneType' object
has no attribute 'hostname')"); now it reconnects and processes what is sent afterwards.

Knobs for replaying by hand: ``FAULTS_OUTAGES`` (default 2), ``FAULTS_DOWN_SECONDS`` (3), and
``FAULTS_OLD=1`` to run the worker with the broker options from before the fix
(tests/faults/worker_settings.py).
"""

import os
import time

import pytest
from django.db import transaction

from notifications import services
from notifications.models import OutboxMessage, OutboxStatus

from .conftest import wait_until

pytestmark = [pytest.mark.slow]

GENERIC = "notifications/email/generic"


def a_receipt(n: int) -> OutboxMessage:
    with transaction.atomic():
        return services.queue_email(
            to=f"foretagare{n}@example.se",
            template=GENERIC,
            context={"subject": f"Kvitto {n}", "body": "Vi har tagit emot ditt ärende."},
        )


@pytest.mark.parametrize("outages", [int(os.environ.get("FAULTS_OUTAGES", 2))])
def test_the_worker_reconnects_after_the_broker_is_killed_and_restarted(
    outages, smtp_server, send_mail_to, private_redis, publish_to, celery_worker
):
    send_mail_to(smtp_server)
    extra = {"FAULTS_OLD_BROKER_OPTIONS": "1"} if os.environ.get("FAULTS_OLD") else {}
    worker = celery_worker(
        broker_url=private_redis.url, smtp_port=smtp_server.port, pool="prefork", **extra
    )
    publish_to(private_redis.url)

    for outage in range(outages):
        smtp_server.hold_seconds = 3  # a task is running (acks late) when the broker dies
        in_flight = a_receipt(outage)
        wait_until(smtp_server.holding.is_set, 15, "the worker to be mid-send")
        private_redis.kill()
        time.sleep(float(os.environ.get("FAULTS_DOWN_SECONDS", 3)))
        private_redis.start()
        smtp_server.hold_seconds = 0
        wait_until(
            lambda m=in_flight: OutboxMessage.objects.get(pk=m.pk).status == OutboxStatus.SENT,
            15,
            "the message in flight to be recorded as sent",
        )
        time.sleep(1)
        assert worker.alive, worker.log()[-3000:]

    after = a_receipt(99)  # sent after the outages: the worker must still take tasks
    wait_until(
        lambda: OutboxMessage.objects.get(pk=after.pk).status == OutboxStatus.SENT,
        20,
        "the worker to send a message queued after the outage",
    )
    assert worker.alive
    assert "Unrecoverable error" not in worker.log()
    assert len(smtp_server.received) == outages + 1
