"""The mail server goes down, refuses, comes back: no message is lost, none is sent twice.

A real SMTP server (aiosmtpd) on a free port; time is moved by passing ``now`` to the sweep
instead of waiting hours.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications import services
from notifications.models import OutboxMessage, OutboxStatus

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

GENERIC = "notifications/email/generic"


def a_receipt(n: int) -> OutboxMessage:
    with transaction.atomic():
        message = services.queue_email(
            to=f"foretagare{n}@example.se",
            template=GENERIC,
            context={"subject": f"Kvitto {n}", "body": f"Vi har tagit emot ärende {n}."},
        )
    assert message is not None
    return message


def sweep_every(minutes: int, *, hours: float, start):
    """The beat sweep, run every ``minutes`` for ``hours`` from ``start``: the times it ran."""
    now = start
    while now < start + timedelta(hours=hours):
        now += timedelta(minutes=minutes)
        services.send_pending(now=now)
    return now


def test_mail_survives_an_outage_longer_than_the_old_retry_window_and_arrives_once(
    smtp_server, send_mail_to
):
    send_mail_to(smtp_server)
    smtp_server.stop()  # the mail server is down when the receipts are written
    start = timezone.now()
    receipts = [a_receipt(n) for n in range(5)]

    # Eight hours down: the old retries (30 s backoff, 5 attempts) gave up after 7.5 minutes.
    now = sweep_every(10, hours=8, start=start)
    rows = OutboxMessage.objects.order_by("pk")
    assert {row.status for row in rows} == {OutboxStatus.PENDING}
    assert all("ConnectionRefusedError" in row.last_error for row in rows)
    assert all(row.next_attempt_at > now - timedelta(hours=1) for row in rows)
    first = rows[0]
    assert 5 < first.attempts < 20  # backoff: not a try every ten minutes

    smtp_server.start()
    sweep_every(10, hours=2, start=now)

    rows = OutboxMessage.objects.order_by("pk")
    assert {row.status for row in rows} == {OutboxStatus.SENT}
    assert sorted(r.to[0] for r in smtp_server.received) == sorted(m.recipient for m in receipts)
    ids = smtp_server.message_ids()
    assert len(set(ids)) == len(ids) == 5  # each once, each with its own Message-ID
    assert set(ids) == {row.message_id_header for row in rows}
    assert {r.subject for r in smtp_server.received} == {f"Kvitto {n}" for n in range(5)}


def test_a_message_is_given_up_only_after_the_configured_hours(smtp_server, send_mail_to, settings):
    send_mail_to(smtp_server)
    smtp_server.stop()
    start = timezone.now()
    message = a_receipt(1)

    now = sweep_every(30, hours=settings.OUTBOX_GIVE_UP_HOURS - 1, start=start)
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING

    sweep_every(30, hours=2, start=now)
    message.refresh_from_db()
    assert message.status == OutboxStatus.GAVE_UP
    assert "ConnectionRefusedError" in message.last_error


def test_a_permanent_refusal_fails_at_once_with_the_servers_reason(smtp_server, send_mail_to):
    send_mail_to(smtp_server)
    smtp_server.refuse = "550 5.1.1 Mailbox foretagare1 does not exist"

    message = a_receipt(1)

    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == 1
    assert "550" in message.last_error and "does not exist" in message.last_error
    assert services.send_pending(now=timezone.now() + timedelta(days=1)) == 0  # not retried
    assert smtp_server.received == []


def test_a_temporary_refusal_is_tried_again_later(smtp_server, send_mail_to):
    send_mail_to(smtp_server)
    smtp_server.refuse = "451 4.3.0 Try again later"

    message = a_receipt(1)

    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert "451" in message.last_error
    smtp_server.refuse = None
    assert services.send_pending(now=message.next_attempt_at) == 1
    assert len(smtp_server.received) == 1


def test_the_operator_sends_a_failed_message_again_from_the_admin(
    smtp_server, send_mail_to, client, admin_user
):
    send_mail_to(smtp_server)
    smtp_server.refuse = "550 5.7.1 Relaying denied"
    failed = a_receipt(1)
    failed.refresh_from_db()
    assert failed.status == OutboxStatus.FAILED
    smtp_server.refuse = None  # the operator fixed the relay's configuration

    client.force_login(admin_user)
    changelist = reverse("admin:notifications_outboxmessage_changelist")
    page = client.get(changelist).content.decode()
    assert 'data-status="failed"' in page and "<strong>1</strong>" in page

    response = client.post(
        changelist, {"action": "send_again", "_selected_action": [failed.pk]}, follow=True
    )

    assert response.status_code == 200
    failed.refresh_from_db()
    assert failed.status == OutboxStatus.SENT
    assert failed.requeued_by == admin_user and failed.requeued_at is not None
    assert [r.message_id for r in smtp_server.received] == [failed.message_id_header]
