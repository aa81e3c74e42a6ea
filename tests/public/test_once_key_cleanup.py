"""One-time keys of public forms are forgotten once they are too old to be sent again.

A key's signature carries its time, and a key older than ``ONCE_KEY_MAX_AGE`` is refused
("send it again"), so its row can no longer stop a replay: the nightly task deletes it.
Without this the table would grow by one row per form ever sent.
"""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from cases.models import Case
from lotsportal.public_forms import ONCE_KEY_MAX_AGE, new_once_key
from public.models import SubmissionKey
from public.tasks import forget_expired_once_keys

pytestmark = pytest.mark.django_db

INTAKE = "/foretag/"


def test_the_nightly_task_forgets_old_keys_and_keeps_recent_ones(client, form_data):
    assert client.post(INTAKE, form_data).status_code == 302
    assert client.post(INTAKE, {**form_data, "once_key": new_once_key()}).status_code == 302
    old, recent = SubmissionKey.objects.order_by("pk")
    SubmissionKey.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(seconds=ONCE_KEY_MAX_AGE, days=2)
    )

    assert forget_expired_once_keys.delay().get() == 1

    assert list(SubmissionKey.objects.values_list("pk", flat=True)) == [recent.pk]
    assert Case.objects.count() == 2  # what the forms stored stays


def test_a_forgotten_key_sent_again_is_refused_not_stored_twice(client, form_data, monkeypatch):
    # A form rendered long ago: its key was signed more than ONCE_KEY_MAX_AGE seconds back.
    then = time.time() - ONCE_KEY_MAX_AGE - 2 * 86400
    monkeypatch.setattr(signing.time, "time", lambda: then)
    stale_key = new_once_key()
    monkeypatch.undo()

    response = client.post(INTAKE, {**form_data, "once_key": stale_key})

    assert response.status_code == 200  # the form again, asking to send it once more
    assert "för gammalt" in response.content.decode()
    assert form_data["description"] in response.content.decode()  # what was typed is kept
    assert Case.objects.count() == 0
