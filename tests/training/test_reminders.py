"""Reminders through the outbox: the course opens; two weeks before it closes; once each."""

import datetime

import pytest
from django.conf import settings

from notifications.models import OutboxMessage
from tests.factories import official
from training.models import CourseResult
from training.services.reminders import send_due_reminders
from training.tasks import send_training_reminders

pytestmark = pytest.mark.django_db


def test_everyone_enrolled_is_told_once_that_the_course_is_open(
    lots, short_course, mailoutbox, django_capture_on_commit_callbacks
):
    official(full_name="Per Person", email="per@kommun.example")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(today=short_course.opens_on) == 2
    assert send_due_reminders(today=short_course.opens_on + datetime.timedelta(days=1)) == 0

    assert sorted(m.to[0] for m in mailoutbox) == sorted([lots.email, "per@kommun.example"])
    assert mailoutbox[0].subject == f"LOTS-kursen {short_course.year} har öppnat"
    assert "dina svar sparas efter hand" in mailoutbox[0].body
    assert f"{settings.SITE_URL}/utbildning/" in mailoutbox[0].body


def test_two_weeks_before_closing_only_those_not_finished_are_reminded(lots, short_course):
    done = official(full_name="Klara Klar")
    CourseResult.objects.create(
        user=done, course=short_course, percent=100, passed_at=datetime.datetime.now(datetime.UTC)
    )
    send_due_reminders(today=short_course.closes_on - datetime.timedelta(days=15))
    assert not OutboxMessage.objects.filter(template="training/email/closing_soon").exists()

    send_due_reminders(today=short_course.closes_on - datetime.timedelta(days=14))
    send_due_reminders(today=short_course.closes_on - datetime.timedelta(days=13))
    closing = OutboxMessage.objects.filter(template="training/email/closing_soon")
    assert list(closing.values_list("recipient", flat=True)) == [lots.email]


def test_nothing_is_sent_for_an_edition_not_yet_open_or_closed(lots, short_course):
    assert send_due_reminders(today=short_course.opens_on - datetime.timedelta(days=1)) == 0
    assert send_due_reminders(today=short_course.closes_on + datetime.timedelta(days=1)) == 0


def test_only_the_chosen_departments_are_reminded(lots, short_course):
    from tests.factories import DepartmentFactory

    bygg = DepartmentFactory(code="bygg", name="Bygg")
    builder = official(bygg)
    short_course.enrol_all_officials = False
    short_course.save()
    short_course.departments.add(bygg)
    send_due_reminders(today=short_course.opens_on)
    assert list(OutboxMessage.objects.values_list("recipient", flat=True)) == [builder.email]


def test_the_daily_beat_entry_runs_the_task():
    entry = settings.CELERY_BEAT_SCHEDULE["training-reminders"]
    assert entry["task"] == send_training_reminders.name
