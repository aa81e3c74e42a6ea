"""A real Celery worker is SIGKILLed while the mail server is taking a message.

The message in flight may go out twice (the server had it, the worker died before recording
it) but with the same Message-ID; no other message is doubled and none is lost.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from notifications import services
from notifications.models import OutboxMessage, OutboxStatus

from .conftest import wait_until

pytestmark = [pytest.mark.slow]

GENERIC = "notifications/email/generic"


def test_a_worker_killed_mid_send_doubles_nothing_but_the_message_in_flight(
    smtp_server, send_mail_to, private_redis, publish_to, celery_worker
):
    send_mail_to(smtp_server)
    smtp_server.hold_seconds = 30  # the server keeps the sender waiting after DATA
    worker = celery_worker(broker_url=private_redis.url, smtp_port=smtp_server.port)
    publish_to(private_redis.url)

    with transaction.atomic():
        messages = [
            services.queue_email(
                to=f"foretagare{n}@example.se",
                template=GENERIC,
                context={"subject": f"Kvitto {n}", "body": "Vi har tagit emot ditt ärende."},
            )
            for n in range(6)
        ]
    wait_until(smtp_server.holding.is_set, 20, "the worker to be mid-send")
    worker.kill()  # SIGKILL while the server holds the first message
    smtp_server.hold_seconds = 0
    in_flight = OutboxMessage.objects.get(status=OutboxStatus.SENDING)
    assert len(smtp_server.received) == 1

    celery_worker(broker_url=private_redis.url, smtp_port=smtp_server.port)  # a new worker

    # It sends the other five (their tasks are still on the queue) ...
    wait_until(
        lambda: OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 5,
        20,
        "the new worker to send the queued messages",
    )
    # ... and the sweep retries the one in flight once its lease expires.
    in_flight.refresh_from_db()
    assert in_flight.status == OutboxStatus.SENDING
    assert services.send_pending(now=in_flight.lease_until + timedelta(seconds=1)) == 1

    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    delivered = Counter(smtp_server.message_ids())
    assert set(delivered) == {m.message_id_header for m in OutboxMessage.objects.all()}
    assert delivered.pop(in_flight.message_id_header) == 2  # the one in flight, same Message-ID
    assert set(delivered.values()) == {1}  # every other message exactly once
    assert len(messages) == 6
    assert in_flight.lease_until < timezone.now() + timedelta(seconds=600)
