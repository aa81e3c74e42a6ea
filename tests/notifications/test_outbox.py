import kombu.pools
import pytest
import redis
from django.db import transaction

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
    assert services.send_pending() == 1

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.last_error == ""
    assert len(mailoutbox) == 1


def test_a_message_gives_up_after_the_maximum_attempts(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    settings.OUTBOX_MAX_ATTEMPTS = 2
    message = queue(not_before=None)
    for _ in range(3):
        services.send_pending()
    message = OutboxMessage.objects.get(pk=message.pk)
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == 2


def test_sending_twice_sends_once(mailoutbox):
    message = queue()
    assert services.send_message(message_id=message.pk) is None
    assert len(mailoutbox) == 1


def test_a_dedupe_key_keeps_a_reminder_to_one_message(mailoutbox):
    assert queue(dedupe_key="reminder:case:1:due") is not None
    assert queue(dedupe_key="reminder:case:1:due") is None
    assert OutboxMessage.objects.count() == 1


@pytest.fixture
def real_broker(settings):
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
    real_broker, mailoutbox
):
    use, _client = real_broker
    use("redis://127.0.0.1:1/0")  # nothing listens here: the broker is down

    message = queue()  # the user's change still succeeds

    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert mailoutbox == []

    from notifications.tasks import send_pending_outbox

    assert send_pending_outbox.apply().get() == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(mailoutbox) == 1
