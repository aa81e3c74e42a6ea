from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lotsportal import tasking
from lotsportal.celery import app as celery_app
from notifications.models import OutboxMessage, OutboxStatus
from notifications.services import queue_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_broker_failures():
    tasking.reset_broker_state()
    yield
    tasking.reset_broker_state()


@pytest.fixture
def staff(db):
    return UserFactory(full_name="Ola Drift", is_staff=True)


def waiting_mail(minutes: int) -> OutboxMessage:
    with transaction.atomic():
        message = queue_email(
            to="f@example.se",
            template="notifications/email/generic",
            context={},
            not_before=timezone.now() + timedelta(days=1),  # not sent now
        )
    OutboxMessage.objects.filter(pk=message.pk).update(
        not_before=timezone.now() - timedelta(minutes=minutes)
    )
    return message


def test_healthz_reports_database_and_redis_broker_to_staff(client, staff):
    client.force_login(staff)
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "vendor": "postgresql"}
    assert body["checks"]["broker"]["ok"] is True
    assert body["checks"]["broker"]["transport"] == "redis"
    assert body["checks"]["mail"]["oldest_pending_minutes"] is None


def test_anonymous_callers_get_only_the_status(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_a_monitor_with_the_token_gets_the_details(client, settings):
    settings.HEALTH_TOKEN = "s3cret-monitoring-token"

    wrong = client.get(reverse("healthz"), HTTP_AUTHORIZATION="Bearer guess")
    bearer = client.get(reverse("healthz"), HTTP_AUTHORIZATION="Bearer s3cret-monitoring-token")
    header = client.get(reverse("healthz"), HTTP_X_HEALTH_TOKEN="s3cret-monitoring-token")

    assert "checks" not in wrong.json()
    assert bearer.json()["checks"]["database"]["ok"] is True
    assert header.json()["checks"]["database"]["ok"] is True


def test_old_pending_mail_makes_healthz_degraded(client, settings, staff):
    settings.HEALTH_MAIL_PENDING_MAX_MINUTES = 30
    waiting_mail(minutes=20)
    assert client.get(reverse("healthz")).json() == {"status": "ok"}

    old = waiting_mail(minutes=45)

    response = client.get(reverse("healthz"))
    assert response.status_code == 200  # the portal works; someone should look at the mail
    assert response.json() == {"status": "degraded"}
    client.force_login(staff)
    mail = client.get(reverse("healthz")).json()["checks"]["mail"]
    assert mail["degraded"] is True and mail["oldest_pending_minutes"] == 45
    assert mail["pending"] == 2

    OutboxMessage.objects.filter(pk=old.pk).update(status=OutboxStatus.SENT)
    assert client.get(reverse("healthz")).json()["status"] == "ok"


def test_healthz_reports_a_stopped_broker_as_an_error_not_a_crash(client, settings, staff):
    # Nothing listens on port 1 of this machine: a stopped broker.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    client.force_login(staff)

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_celery_is_configured_from_django_settings():
    assert celery_app.conf.task_always_eager is True
    assert "notifications.tasks.send_pending_outbox" in {
        entry["task"] for entry in celery_app.conf.beat_schedule.values()
    }


def test_the_worker_reconnects_for_ever_and_the_publisher_does_not_retry():
    conf = celery_app.conf
    assert conf.broker_connection_retry is True
    assert conf.broker_connection_retry_on_startup is True
    assert conf.broker_connection_max_retries is None
    # kombu applies a transport "max_retries" to every connection of the worker (issue 10).
    assert "max_retries" not in conf.broker_transport_options
    assert conf.broker_transport_options["socket_connect_timeout"] <= 1
