import pytest
from django.urls import reverse

from lotsportal.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_redis_broker(client, settings):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "vendor": "postgresql"}
    assert body["checks"]["broker"]["ok"] is True
    assert body["checks"]["broker"]["transport"] == "redis"


def test_healthz_reports_a_stopped_broker_as_an_error_not_a_crash(client, settings):
    # Nothing listens on port 1 of this machine: a stopped broker.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

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
