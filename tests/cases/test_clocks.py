"""PBL's statutory clock (9 kap. 27 §, 12 kap. 8 a §, lag 1930:173), with the issue's dates.

The dated examples are arranged as an application that came in on 2026-03-02 (the day stored
on the case); the verbs then run through the case page as an official uses it.
"""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from cases.clocks import (
    StatutoryClock,
    completion_window_closes,
    fee_reduction_fifths,
    fee_reduction_kronor,
    weeks_after,
)
from cases.errors import CaseError
from cases.models import Case, CaseEvent, ClockKind, EventKind
from cases.services import clocks
from cases.services.cases import change_status
from cases.workdays import add_working_days
from cases.workflow import CaseStatus
from notifications.models import OutboxMessage

from .factories import CaseTypeFactory, a_case

OPENED = date(2026, 3, 2)


# --- The counting, as the law counts ---------------------------------------------------------
def test_ten_weeks_from_the_complete_application():
    assert StatutoryClock(weeks=10, received_on=OPENED).due_date == date(2026, 5, 11)


def test_completion_asked_within_three_weeks_restarts_from_the_documents():
    clock = StatutoryClock(
        weeks=10,
        received_on=OPENED,
        completion_asked_on=date(2026, 3, 9),
        completion_received_on=date(2026, 4, 20),
    )
    assert clock.restarts
    assert clock.due_date == date(2026, 6, 29)


def test_completion_asked_late_does_not_move_the_deadline():
    clock = StatutoryClock(
        weeks=10,
        received_on=OPENED,
        completion_asked_on=date(2026, 4, 1),
        completion_received_on=date(2026, 4, 20),
    )
    assert not clock.restarts
    assert clock.due_date == date(2026, 5, 11)


def test_the_three_week_window_ends_on_the_same_weekday_three_weeks_on():
    assert completion_window_closes(OPENED) == date(2026, 3, 23)
    on_the_day = StatutoryClock(weeks=10, received_on=OPENED, completion_asked_on=date(2026, 3, 23))
    a_day_late = StatutoryClock(weeks=10, received_on=OPENED, completion_asked_on=date(2026, 3, 24))
    assert on_the_day.restarts and on_the_day.waiting_for_documents
    assert on_the_day.due_date is None
    assert not a_day_late.restarts and a_day_late.due_date == date(2026, 5, 11)


def test_a_deadline_on_julafton_moves_to_the_next_working_day():
    # 2026-10-15 + 10 weeks = Thursday 24 December; 25-27 are juldagen and a weekend.
    assert date(2026, 10, 15) + timedelta(weeks=10) == date(2026, 12, 24)
    assert StatutoryClock(weeks=10, received_on=date(2026, 10, 15)).due_date == date(2026, 12, 28)


def test_a_deadline_on_a_saturday_moves_to_monday():
    # Sat 4 April 2026, then påskdagen and annandag påsk: Tuesday 7 April.
    assert weeks_after(date(2026, 3, 7), 4) == date(2026, 4, 7)
    assert weeks_after(date(2026, 2, 7), 4) == date(2026, 3, 9)  # Sat 7 Mar -> Mon 9 Mar


def test_the_extension_adds_to_the_period_from_its_start():
    clock = StatutoryClock(weeks=10, received_on=OPENED, extension_weeks=10)
    assert clock.due_date == date(2026, 7, 20)
    assert not clock.may_extend


@pytest.mark.parametrize(
    ("decided", "fifths"),
    [
        (date(2026, 5, 11), 0),  # on the day
        (date(2026, 5, 12), 1),  # the first started week
        (date(2026, 5, 18), 1),  # still the first week (7 days)
        (date(2026, 5, 19), 2),
        (date(2026, 5, 25), 2),
        (date(2026, 5, 26), 3),
        (date(2026, 6, 2), 4),
        (date(2026, 6, 9), 5),  # the fifth started week: nothing left
        (date(2026, 8, 1), 5),
    ],
)
def test_fee_reduced_by_one_fifth_per_started_week(decided, fifths):
    assert fee_reduction_fifths(date(2026, 5, 11), decided) == fifths


def test_fee_reduction_in_kronor_only_with_a_fee():
    assert fee_reduction_kronor(12_000, 2) == 4_800
    assert fee_reduction_kronor(None, 2) is None


# --- The verbs on the case -------------------------------------------------------------------
@pytest.fixture
def bygglov(bygg):
    return CaseTypeFactory(
        name="Bygglov",
        code="bygglov",
        lead_department=bygg,
        clock=ClockKind.STATUTORY,
        statutory_weeks=10,
    )


def _received(case, day):
    """Arrange an application that came in on ``day`` (the past cannot be opened today)."""
    Case.objects.filter(pk=case.pk).update(statutory_received_on=day)
    case.refresh_from_db()
    clocks_state_apply(case)
    return case


def clocks_state_apply(case):
    from cases.services.clock_state import apply_clock

    apply_clock(case)
    Case.objects.filter(pk=case.pk).update(
        statutory_due_date=case.statutory_due_date, due_date=case.due_date
    )


@pytest.mark.django_db
def test_a_new_bygglov_case_runs_ten_weeks_from_today(builder, bygg, bygglov):
    case = a_case(by=builder, department=bygg, case_type=bygglov)
    today = timezone.localdate()
    assert case.statutory_received_on == today
    assert case.statutory_due_date == weeks_after(today, 10) == case.due_date


@pytest.mark.django_db
def test_official_asks_for_completion_in_time_and_the_period_restarts(
    client, builder, bygg, bygglov
):
    case = _received(a_case(by=builder, department=bygg, case_type=bygglov), OPENED)
    client.force_login(builder)
    url = lambda verb: reverse("cases:clock_action", args=[case.pk, verb])  # noqa: E731

    client.post(
        url("completion"), {"completion-asked_on": "2026-03-09", "completion-what": "Ritning"}
    )
    case.refresh_from_db()
    assert case.statutory_due_date is None  # waiting for the documents
    client.post(url("documents"), {"documents-received_on": "2026-04-20"})

    case.refresh_from_db()
    assert case.statutory_due_date == date(2026, 6, 29) == case.due_date
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # English: checked before translation
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "2026-06-29" in page
    assert "within three weeks: the period starts again" in page
    kinds = list(case.events.values_list("kind", flat=True))
    assert EventKind.COMPLETION_REQUESTED in kinds and EventKind.DOCUMENTS_RECEIVED in kinds


@pytest.mark.django_db
def test_completion_asked_late_leaves_the_deadline(client, builder, bygg, bygglov):
    case = _received(a_case(by=builder, department=bygg, case_type=bygglov), OPENED)
    clocks.ask_for_completion(case=case, by=builder, asked_on=date(2026, 4, 1))
    clocks.record_documents_received(case=case, by=builder, received_on=date(2026, 4, 20))

    case.refresh_from_db()
    assert case.statutory_due_date == date(2026, 5, 11)
    event = CaseEvent.objects.get(case=case, kind=EventKind.COMPLETION_REQUESTED)
    assert event.payload["restarts"] is False and event.is_public


@pytest.mark.django_db
def test_extension_once_and_the_applicant_is_told(client, builder, bygg, bygglov):
    case = a_case(by=builder, department=bygg, case_type=bygglov)
    client.force_login(builder)
    url = reverse("cases:clock_action", args=[case.pk, "extend"])

    too_long = client.post(url, {"extend-weeks": "11", "extend-to_business": "Remiss"})
    assert too_long.status_code == 400
    client.post(url, {"extend-weeks": "6", "extend-to_business": "Vi väntar på remissvar."})
    case.refresh_from_db()
    assert case.statutory_extension_weeks == 6
    assert case.statutory_due_date == weeks_after(case.statutory_received_on, 16)
    mail = OutboxMessage.objects.get(template="cases/email/statutory_extended")
    assert mail.recipient == case.contact.email

    with pytest.raises(CaseError), override("en"):
        clocks.extend_statutory_period(case=case, by=builder, weeks=2, to_business="Igen")


@pytest.mark.django_db
def test_no_extension_after_the_period_ran_out(builder, bygg, bygglov):
    case = _received(a_case(by=builder, department=bygg, case_type=bygglov), OPENED)
    with override("en"), pytest.raises(CaseError, match="run out"):
        clocks.extend_statutory_period(case=case, by=builder, weeks=4, to_business="Sent")


@pytest.mark.django_db
def test_a_late_decision_stores_the_fee_reduction(client, builder, bygg, bygglov):
    case = _received(a_case(by=builder, department=bygg, case_type=bygglov), OPENED)
    client.force_login(builder)
    client.post(reverse("cases:clock_action", args=[case.pk, "fee"]), {"fee-fee_kronor": "10000"})
    assert CaseEvent.objects.filter(case=case, kind=EventKind.FEE_RECORDED).exists()
    change_status(case=case, to=CaseStatus.OPEN, by=builder)
    change_status(case=case, to=CaseStatus.DECIDED, by=builder)

    case.refresh_from_db()
    assert case.fee_reduction_fifths == 5  # months after 2026-05-11
    client.force_login(builder)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # English: checked before translation
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "5/5 (100 % of the fee)" in page and "10000 kr" in page


@pytest.mark.django_db
def test_waiting_for_the_business_does_not_pause_the_statutory_clock(builder, bygg, bygglov):
    case = a_case(by=builder, department=bygg, case_type=bygglov)
    due = case.due_date
    change_status(case=case, to=CaseStatus.OPEN, by=builder)
    change_status(case=case, to=CaseStatus.WAITING, by=builder)
    change_status(case=case, to=CaseStatus.OPEN, by=builder)
    case.refresh_from_db()
    assert case.due_date == due and case.waiting_since is None


@pytest.mark.django_db
def test_a_service_level_case_has_no_statutory_panel(client, builder, bygg):
    case = a_case(by=builder, department=bygg)
    client.force_login(builder)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="clock-panel"' not in page
    with pytest.raises(CaseError):
        clocks.ask_for_completion(case=case, by=builder)


# --- Warnings before the clock runs out ------------------------------------------------------
def _mails(template):
    return list(
        OutboxMessage.objects.filter(template=f"cases/email/{template}").values_list(
            "recipient", flat=True
        )
    )


@pytest.mark.django_db
def test_coordinator_warned_before_the_three_week_window_closes_once(builder, bygg, bygglov):
    from cases.services.reminders import send_due_reminders

    case = a_case(by=builder, department=bygg, case_type=bygglov)
    closes = completion_window_closes(case.statutory_received_on)
    day = add_working_days(closes, -2)

    send_due_reminders(today=day)
    send_due_reminders(today=day)

    assert _mails("completion_window_closing") == [builder.email]


@pytest.mark.django_db
def test_no_window_warning_once_completion_is_asked(builder, bygg, bygglov):
    from cases.services.reminders import send_due_reminders

    case = a_case(by=builder, department=bygg, case_type=bygglov)
    clocks.ask_for_completion(case=case, by=builder)
    send_due_reminders(today=add_working_days(completion_window_closes(timezone.localdate()), -1))
    assert _mails("completion_window_closing") == []


@pytest.mark.django_db
def test_coordinator_warned_before_and_after_the_statutory_deadline(builder, bygg, bygglov):
    from cases.services.reminders import send_due_reminders

    case = a_case(by=builder, department=bygg, case_type=bygglov)
    due = case.statutory_due_date

    send_due_reminders(today=add_working_days(due, -3))
    send_due_reminders(today=add_working_days(due, -1))
    assert _mails("statutory_due_soon") == [builder.email]
    send_due_reminders(today=due + timedelta(days=1))
    send_due_reminders(today=due + timedelta(days=2))
    assert _mails("statutory_passed") == [builder.email]
