"""A business answers a case that waits for it: the case is open again and its clock runs on."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Case, EventKind
from cases.services.cases import change_coordinator, change_status
from cases.workdays import add_working_days, working_days_between
from cases.workflow import CaseStatus
from lotsportal.public_forms import new_once_key

from .conftest import swedish

pytestmark = pytest.mark.django_db

RESUMED_NOTICE = (
    "The case was waiting for the business and is open again. The due date is now %(due_date)s."
)


@pytest.fixture
def waiting_ten_days(submitted, street_officer):
    """The coordinator asked for a drawing ten days ago and set the case to wait."""
    case = submitted.case
    change_coordinator(case=case, coordinator=street_officer, by=street_officer)
    change_status(case=case, to=CaseStatus.WAITING, by=street_officer)
    started = timezone.localdate() - timedelta(days=10)
    Case.objects.filter(pk=case.pk).update(waiting_since=started)
    return Case.objects.get(pk=case.pk)


def test_the_business_replies_to_a_waiting_case_and_it_is_open_again_with_the_deadline_moved(
    client, submitted, waiting_ten_days, mailoutbox, django_capture_on_commit_callbacks
):
    due_before = waiting_ten_days.due_date
    paused = working_days_between(waiting_ten_days.waiting_since, timezone.localdate())
    assert paused >= 6

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("public:track", args=[submitted.token]),
            {"once_key": new_once_key(), "body": "Här är ritningen."},
        )

    assert response.status_code == 302
    case = Case.objects.get(pk=submitted.case.pk)
    assert case.status == CaseStatus.OPEN
    assert case.waiting_since is None
    assert case.paused_working_days == paused
    assert case.due_date == add_working_days(due_before, paused)
    resumed = case.events.filter(kind=EventKind.STATUS_CHANGED).latest("created_at", "pk")
    assert resumed.actor is None
    assert resumed.is_public
    assert resumed.payload == {
        "from": CaseStatus.WAITING,
        "to": CaseStatus.OPEN,
        "comment": "",
        "paused_working_days": paused,
        "by_business": True,
    }
    # The coordinator hears of the reply as before, and that the clock runs again.
    [notice] = [m for m in mailoutbox if m.to == ["david@kommun.example"]]
    assert "Här är ritningen." in notice.body
    assert swedish(RESUMED_NOTICE, due_date=case.due_date.isoformat()) in notice.body

    page = client.get(response["Location"]).content.decode()
    with translation.override("sv"):
        assert f'id="case-status">{CaseStatus.OPEN.label}</dd>' in page


def test_the_case_page_tells_officials_the_business_reopened_it(
    client, submitted, waiting_ten_days, street_officer
):
    client.post(
        reverse("public:track", args=[submitted.token]),
        {"once_key": new_once_key(), "body": "Här är ritningen."},
    )

    client.force_login(street_officer)
    page = client.get(reverse("cases:detail", args=[submitted.case.pk])).content.decode()

    assert f"Väntar på företaget → Pågående ({swedish('the business replied')})" in page


def test_a_reply_to_a_case_that_is_not_waiting_leaves_its_status_alone(
    client, submitted, street_officer, mailoutbox, django_capture_on_commit_callbacks
):
    change_status(case=submitted.case, to=CaseStatus.OPEN, by=street_officer)
    due_before = Case.objects.get(pk=submitted.case.pk).due_date

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("public:track", args=[submitted.token]),
            {"once_key": new_once_key(), "body": "En fråga till."},
        )

    case = Case.objects.get(pk=submitted.case.pk)
    assert case.status == CaseStatus.OPEN
    assert case.due_date == due_before
    assert case.events.filter(kind=EventKind.STATUS_CHANGED).count() == 1
    [notice] = [m for m in mailoutbox if m.to == ["teknik@kommun.example"] and "En fråga" in m.body]
    assert swedish(RESUMED_NOTICE).split("%")[0] not in notice.body
