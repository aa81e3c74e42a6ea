"""Moving a case through its statuses, as the moves table allows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.errors import NotPermitted, TransitionNotAllowed
from cases.models import Case, CaseEvent, EventKind
from cases.services.cases import (
    change_coordinator,
    change_status,
    resume_after_business_reply,
)
from cases.workdays import add_working_days, working_days_between
from cases.workflow import CaseStatus
from tests.factories import official

from .factories import a_case

pytestmark = pytest.mark.django_db


def test_coordinator_works_the_case_to_closed_and_reopens_it(receptionist, reception):
    case = a_case(by=receptionist, department=reception)

    case = change_status(case=case, to=CaseStatus.OPEN, by=receptionist)
    assert case.first_response_at is None  # the business has heard nothing yet
    case = change_status(case=case, to=CaseStatus.DECIDED, by=receptionist, comment="Beviljat")
    assert case.decided_at is not None
    assert case.first_response_at == case.decided_at  # the decision is its first answer
    case = change_status(case=case, to=CaseStatus.CLOSED, by=receptionist)
    assert case.closed_at is not None
    case = change_status(case=case, to=CaseStatus.OPEN, by=receptionist)
    assert case.closed_at is None

    moves = [
        (e.payload["from"], e.payload["to"])
        for e in CaseEvent.objects.filter(case=case, kind=EventKind.STATUS_CHANGED)
    ]
    assert moves == [
        ("new", "open"),
        ("open", "decided"),
        ("decided", "closed"),
        ("closed", "open"),
    ]


def test_a_move_the_table_forbids_is_refused_and_nothing_is_written(receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    change_status(case=case, to=CaseStatus.CLOSED, by=receptionist)

    with pytest.raises(TransitionNotAllowed) as excinfo:
        change_status(case=case, to=CaseStatus.WAITING, by=receptionist)

    assert (
        str(excinfo.value) == "Ett ärende kan inte gå från ”Avslutat” till ”Väntar på företaget”."
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED
    assert CaseEvent.objects.filter(case=case, kind=EventKind.STATUS_CHANGED).count() == 1


def test_the_clock_pauses_while_the_case_waits_for_the_business(receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    change_status(case=case, to=CaseStatus.WAITING, by=receptionist)
    # The business took a week and a half to send what was missing.
    started = timezone.localdate() - timedelta(days=10)
    Case.objects.filter(pk=case.pk).update(waiting_since=started)
    due_before = Case.objects.get(pk=case.pk).due_date

    case = change_status(case=case, to=CaseStatus.OPEN, by=receptionist)

    paused = working_days_between(started, timezone.localdate())
    assert paused >= 6
    assert case.paused_working_days == paused
    assert case.due_date == add_working_days(due_before, paused)
    assert case.waiting_since is None


def test_an_official_from_another_department_cannot_move_the_status(
    receptionist, reception, builder
):
    case = a_case(by=receptionist, department=reception)

    with pytest.raises(NotPermitted):
        change_status(case=case, to=CaseStatus.OPEN, by=builder)


def test_a_samordnare_can_move_any_case(receptionist, reception, samordnare):
    case = a_case(by=receptionist, department=reception)

    case = change_status(case=case, to=CaseStatus.OPEN, by=samordnare)

    assert case.status == CaseStatus.OPEN


def test_coordinator_hands_the_case_over_and_the_new_one_is_told(
    receptionist, reception, inspector, mailoutbox, django_capture_on_commit_callbacks
):
    case = a_case(by=receptionist, department=reception)

    with django_capture_on_commit_callbacks(execute=True):
        case = change_coordinator(case=case, coordinator=inspector, by=receptionist)

    assert case.coordinator == inspector
    event = CaseEvent.objects.get(case=case, kind=EventKind.COORDINATOR_CHANGED)
    assert event.payload == {"from": "Anna Andersson", "to": "Ali Karimi"}
    assert [m.to for m in mailoutbox] == [[inspector.email]]
    assert case.number in mailoutbox[0].subject


def test_coordinator_change_by_an_outsider_is_refused(receptionist, reception, builder, inspector):
    case = a_case(by=receptionist, department=reception)

    with pytest.raises(NotPermitted):
        change_coordinator(case=case, coordinator=inspector, by=builder)


def test_lead_department_member_may_change_the_coordinator(
    receptionist, reception, food_registration, inspector
):
    case = a_case(by=receptionist, department=reception, case_type=food_registration)
    colleague = official(food_registration.lead_department)

    case = change_coordinator(case=case, coordinator=colleague, by=inspector)

    assert case.coordinator == colleague


def test_the_timeline_is_append_only(receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    event = CaseEvent.objects.get(case=case)

    event.payload = {"door": "Något annat"}
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert CaseEvent.objects.get(pk=event.pk).payload["door"] == "Reception"


def test_a_reply_from_the_business_resumes_the_clock_like_an_official_opening_the_case(
    receptionist, reception
):
    started = timezone.localdate() - timedelta(days=10)
    by_official = a_case(by=receptionist, department=reception)
    by_business = a_case(by=receptionist, department=reception)
    for case in (by_official, by_business):
        change_status(case=case, to=CaseStatus.WAITING, by=receptionist)
        Case.objects.filter(pk=case.pk).update(waiting_since=started)

    by_official = change_status(case=by_official, to=CaseStatus.OPEN, by=receptionist)
    by_business = resume_after_business_reply(case=by_business)

    for field in ("status", "due_date", "paused_working_days", "waiting_since"):
        assert getattr(by_business, field) == getattr(by_official, field), field
    event = CaseEvent.objects.filter(case=by_business, kind=EventKind.STATUS_CHANGED).last()
    assert event.actor is None
    assert event.payload["by_business"] is True


@pytest.mark.parametrize("status", [CaseStatus.NEW, CaseStatus.OPEN])
def test_a_reply_from_the_business_leaves_a_case_that_is_not_waiting_as_it_is(
    receptionist, reception, status
):
    case = a_case(by=receptionist, department=reception)
    if status != CaseStatus.NEW:
        change_status(case=case, to=status, by=receptionist)
    events_before = CaseEvent.objects.filter(case=case).count()

    case = resume_after_business_reply(case=case)

    assert case.status == status
    assert CaseEvent.objects.filter(case=case).count() == events_before
