import smtplib
from datetime import timedelta

import kombu.pools
import pytest
import redis
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lotsportal import tasking
from lotsportal.celery import app as celery_app
from notifications import services
from notifications.models import OutboxMessage, OutboxStatus

pytestmark = pytest.mark.django_db(transaction=True)

GENERIC = "notifications/email/generic"


def queue(**overrides):
    fields = {
        "to": "foretagare@example.se",
        "template": GENERIC,
        "context": {"subject": "Ditt ärende", "body": "Hej! Vi har tagit emot ditt ärende."},
    }
    fields.update(overrides)
    with transaction.atomic():
        return services.queue_email(**fields)


def test_message_is_written_then_sent_after_commit(mailoutbox):
    message = queue()

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.attempts == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Ditt ärende"
    assert "Exempelby kommun" in mailoutbox[0].body


def test_nothing_is_written_or_sent_when_the_change_is_rolled_back(mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.queue_email(to="a@example.se", template=GENERIC, context={})
        raise RuntimeError("the change failed")

    assert OutboxMessage.objects.count() == 0
    assert mailoutbox == []


def test_a_failing_send_is_recorded_and_retried_until_it_goes_through(settings, mailoutbox):
    # A real SMTP connection to a port where no mail server listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    queue()  # the user's change succeeds although the mail server is down

    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts >= 1
    assert "Connection" in message.last_error or "refused" in message.last_error.lower()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.send_pending() == 0  # not before its next try
    assert services.send_pending(now=message.next_attempt_at) == 1

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.last_error == ""
    assert len(mailoutbox) == 1


def test_a_message_is_given_up_only_after_the_configured_hours(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    settings.OUTBOX_GIVE_UP_HOURS = 2
    message = queue()
    start = message.not_before
    for minutes in range(10, 120, 10):
        services.send_pending(now=start + timedelta(minutes=minutes))
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert 3 <= message.attempts < 11  # backoff: fewer tries than sweeps

    services.send_pending(now=start + timedelta(hours=3))

    message.refresh_from_db()
    assert message.status == OutboxStatus.GAVE_UP
    assert "Connection" in message.last_error or "refused" in message.last_error.lower()


def test_the_backoff_doubles_up_to_its_ceiling(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS, settings.OUTBOX_RETRY_MAX_SECONDS = 60, 3600
    delays = [services.retry_delay(n).total_seconds() for n in (1, 2, 3, 7, 8, 200)]
    assert delays == [60, 120, 240, 3600, 3600, 3600]


def test_an_smtp_5xx_is_permanent_and_4xx_or_a_dropped_line_temporary():
    refused = smtplib.SMTPRecipientsRefused({"a@example.se": (550, b"No such user")})
    assert services.is_permanent(refused)
    assert services.is_permanent(smtplib.SMTPDataError(554, b"Rejected"))
    assert not services.is_permanent(smtplib.SMTPDataError(451, b"Try later"))
    assert not services.is_permanent(smtplib.SMTPServerDisconnected("gone"))
    assert not services.is_permanent(ConnectionRefusedError(111, "refused"))
    assert not services.is_permanent(TimeoutError("timed out"))


def test_each_message_carries_a_stable_message_id(mailoutbox, settings):
    settings.SITE_URL = "https://lotsportalen.exempelby.se"
    message = queue()
    message.refresh_from_db()

    header = mailoutbox[0].extra_headers["Message-ID"]
    assert header == message.message_id_header
    assert header.startswith(f"<outbox-{message.pk}.") and header.endswith(
        "@lotsportalen.exempelby.se>"
    )


def test_a_claim_whose_lease_expired_is_sent_again_by_the_sweep(mailoutbox):
    message = queue(not_before=timezone.now() + timedelta(hours=1))  # not sent on commit
    claim = services.claim_message(message_id=message.pk, now=message.not_before)
    assert claim is not None  # a worker claimed it ... and died before recording the result
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENDING and message.attempts == 1

    assert services.send_pending(now=message.not_before) == 0  # the lease still holds
    assert services.send_pending(now=message.lease_until + timedelta(seconds=1)) == 1

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and message.attempts == 2
    assert len(mailoutbox) == 1


def test_send_again_puts_failed_and_given_up_messages_back(mailoutbox, admin_user):
    failed, given_up, sent = queue(), queue(), queue()
    OutboxMessage.objects.filter(pk=failed.pk).update(status=OutboxStatus.FAILED)
    OutboxMessage.objects.filter(pk=given_up.pk).update(status=OutboxStatus.GAVE_UP)
    mailoutbox.clear()

    with transaction.atomic():
        count = services.resend_messages(
            message_ids=[failed.pk, given_up.pk, sent.pk], by=admin_user
        )

    assert count == 2
    assert len(mailoutbox) == 2  # sent on commit
    for message in (failed, given_up):
        message.refresh_from_db()
        assert message.status == OutboxStatus.SENT
        assert message.requeued_by == admin_user


def test_the_admin_list_shows_counts_per_status_and_the_oldest_waiting(client, admin_user):
    waiting = queue(not_before=timezone.now() + timedelta(minutes=5))
    OutboxMessage.objects.filter(pk=waiting.pk).update(
        not_before=timezone.now() - timedelta(hours=3)
    )
    client.force_login(admin_user)

    page = client.get(reverse("admin:notifications_outboxmessage_changelist")).content.decode()

    assert 'id="outbox-summary"' in page
    assert 'href="?status__exact=pending" data-status="pending"' in page
    assert "3" in page.split('id="outbox-oldest"')[1][:200]  # "3 hours" in the admin's language


def test_sending_twice_sends_once(mailoutbox):
    message = queue()
    assert services.send_message(message_id=message.pk) is None
    assert len(mailoutbox) == 1


def test_a_dedupe_key_keeps_a_reminder_to_one_message(mailoutbox):
    assert queue(dedupe_key="reminder:case:1:due") is not None
    assert queue(dedupe_key="reminder:case:1:due") is None
    assert OutboxMessage.objects.count() == 1


@pytest.fixture
def real_broker(settings, monkeypatch):
    """Celery publishing to the real Redis of the test settings, not eager."""
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.broker_url
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.flushdb()

    def reset_connections():
        # Celery keeps connection and producer pools for the broker URL it first saw.
        kombu.pools.reset()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    def use(url):
        tasking.reset_broker_state()
        monkeypatch.setenv("CELERY_BROKER_URL", url)  # Celery reads it before its own conf
        conf.task_always_eager = False
        conf.broker_url = url
        reset_connections()

    yield use, client
    conf.task_always_eager, conf.broker_url = saved
    reset_connections()
    client.flushdb()


@pytest.mark.xdist_group("redis-broker")
def test_message_is_handed_to_the_redis_broker_after_commit(real_broker, settings, mailoutbox):
    use, client = real_broker
    use(settings.CELERY_BROKER_URL)

    message = queue()

    assert client.llen("celery") == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert mailoutbox == []


@pytest.mark.xdist_group("redis-broker")
def test_message_written_while_the_broker_is_down_is_sent_by_the_periodic_task(
    real_broker, mailoutbox, caplog
):
    use, client = real_broker
    use("redis://127.0.0.1:1/0")  # nothing listens here: the broker is down

    message = queue()  # the user's change still succeeds

    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert mailoutbox == []
    assert "Broker unavailable" in caplog.text
    assert client.llen("celery") == 0

    from notifications.tasks import send_pending_outbox

    assert send_pending_outbox.apply().get() == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(mailoutbox) == 1
