"""Running the retention rule by hand: the admin action (superusers, after a confirmation page),
the management command and the nightly task."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.contrib.admin import helpers
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role
from cases.models import Case, CaseEvent, CaseSettings, EventKind
from cases.tasks import anonymise_expired_cases
from tests.factories import official

from .factories import a_case
from .test_retention import finish

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:cases_case_changelist")


@pytest.fixture
def old_cases(receptionist, reception):
    return [
        finish(a_case(by=receptionist, department=reception), by=receptionist, months_ago=months)
        for months in (37, 2)
    ]


def choose(cases, **extra):
    return {
        "action": "anonymise_now",
        helpers.ACTION_CHECKBOX_NAME: [str(case.pk) for case in cases],
        **extra,
    }


def test_a_superuser_confirms_the_list_and_then_the_cases_are_anonymised(
    client, admin_user, old_cases
):
    client.force_login(admin_user)
    assert "anonymise_now" in client.get(CHANGELIST).content.decode()

    confirmation = client.post(CHANGELIST, choose(old_cases))

    assert confirmation.status_code == 200
    page = confirmation.content.decode()
    assert all(case.number in page for case in old_cases)
    assert not Case.objects.exclude(anonymised_at=None).exists()  # nothing yet

    response = client.post(CHANGELIST, choose(old_cases, confirmed="yes"))

    assert response.status_code == 302
    # By hand the rule's months do not apply: a case closed two months ago goes too.
    assert Case.objects.filter(anonymised_at=None).count() == 0
    events = CaseEvent.objects.filter(kind=EventKind.ANONYMISED)
    assert [event.actor for event in events] == [admin_user, admin_user]


def test_an_active_case_chosen_by_hand_is_left_as_it_is(client, admin_user, receptionist):
    active = a_case(by=receptionist)
    client.force_login(admin_user)

    client.post(CHANGELIST, choose([active], confirmed="yes"))

    active.refresh_from_db()
    assert active.anonymised_at is None


def test_staff_who_are_not_superusers_are_not_offered_the_action(client, old_cases, reception):
    staff = official(reception, Role.SAMORDNARE, is_staff=True)
    client.force_login(staff)

    assert "anonymise_now" not in client.get(CHANGELIST).content.decode()
    client.post(CHANGELIST, choose(old_cases, confirmed="yes"))

    assert not Case.objects.exclude(anonymised_at=None).exists()


def test_the_retention_months_are_set_on_the_case_register_settings(client, admin_user):
    settings_row = CaseSettings.load()
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:cases_casesettings_change", args=[settings_row.pk]),
        {"registration_prefix": "LOTS", "retention_months": 60},
    )

    assert response.status_code == 302
    assert CaseSettings.load().retention_months == 60


def test_the_command_dry_run_counts_and_changes_nothing(old_cases):
    out = StringIO()

    call_command("anonymise_expired_cases", "--dry-run", stdout=out)

    assert "1 case(s)" in out.getvalue()
    assert not Case.objects.exclude(anonymised_at=None).exists()
    assert not CaseEvent.objects.filter(kind=EventKind.ANONYMISED).exists()


def test_the_command_anonymises_what_the_rule_says(old_cases):
    out = StringIO()

    call_command("anonymise_expired_cases", stdout=out)

    assert "1 case(s) anonymised" in out.getvalue()
    old_cases[0].refresh_from_db()
    old_cases[1].refresh_from_db()
    assert old_cases[0].anonymised_at is not None
    assert old_cases[1].anonymised_at is None


def test_the_nightly_task_runs_the_rule_and_is_in_the_beat_schedule(old_cases):
    entry = settings.CELERY_BEAT_SCHEDULE["cases-anonymise-expired"]

    assert entry["task"] == "cases.tasks.anonymise_expired_cases"
    assert anonymise_expired_cases.delay().get() == 1
    assert anonymise_expired_cases.delay().get() == 0
