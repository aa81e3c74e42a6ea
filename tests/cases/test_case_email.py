"""The cases' e-mail goes through the outbox: recorded, retried, never lost."""

import kombu.pools
import pytest
from django.urls import reverse

from cases.services.communication import send_message_to_business
from cases.services.referrals import route_case
from lotsportal.celery import app as celery_app
from notifications import services as outbox
from notifications.models import OutboxMessage, OutboxStatus

from .factories import a_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_message_to_the_business_is_sent_and_shown_on_the_case(
    client, receptionist, reception, mailoutbox
):
    case = a_case(by=receptionist, department=reception, title="Uteservering")

    send_message_to_business(case=case, by=receptionist, body="Vi behöver en skiss.")

    message = OutboxMessage.objects.about(case).get()
    assert message.status == OutboxStatus.SENT
    assert mailoutbox[0].to == [case.contact.email]
    assert mailoutbox[0].subject == f"Ditt ärende {case.number}: Uteservering"
    assert "Vänliga hälsningar" in mailoutbox[0].body
    assert "Anna Andersson" in mailoutbox[0].body
    client.force_login(receptionist)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f"Ditt ärende {case.number}: Uteservering" in page
    assert "Skickat" in page or "Skickad" in page


def test_a_failing_send_is_retried_and_recorded(settings, receptionist, reception, mailoutbox):
    case = a_case(by=receptionist, department=reception)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2

    send_message_to_business(case=case, by=receptionist, body="Hej")  # the official's change holds

    message = OutboxMessage.objects.about(case).get()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts >= 1
    assert message.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.send_pending() == 0  # not before its next try (exponential backoff)
    assert outbox.send_pending(now=message.next_attempt_at) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert mailoutbox[0].to == [case.contact.email]


def test_english_templates_render(receptionist, reception, miljo):
    case = a_case(by=receptionist, department=reception, title="Food truck")
    route_case(case=case, department=miljo, by=receptionist, request_text="Registration?")
    message = OutboxMessage.objects.about(case).get()
    message.language = "en"

    subject, body = outbox.render_message(message)

    assert subject == f"New referral to {miljo.name}: {case.number}"
    assert "Registration?" in body


@pytest.fixture
def broker_down():
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.broker_url

    def reset():
        kombu.pools.reset()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    conf.task_always_eager = False
    conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens here
    reset()
    yield
    conf.task_always_eager, conf.broker_url = saved
    reset()


@pytest.mark.xdist_group("redis-broker")
def test_a_routing_written_while_the_broker_is_down_is_sent_by_the_periodic_task(
    broker_down, receptionist, reception, miljo, mailoutbox
):
    case = a_case(by=receptionist, department=reception)

    route_case(case=case, department=miljo, by=receptionist, request_text="Livsmedel?")

    message = OutboxMessage.objects.about(case).get()
    assert message.status == OutboxStatus.PENDING
    assert mailoutbox == []

    from notifications.tasks import send_pending_outbox

    assert send_pending_outbox() == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert mailoutbox[0].to == [miljo.inbox_email]
