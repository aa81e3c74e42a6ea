"""Reminders and escalation: each goes out once, to the right people."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from cases.models import Case, Referral
from cases.services.referrals import accept_referral, answer_referral, route_case
from cases.services.reminders import send_due_reminders
from cases.tasks import send_case_reminders
from cases.workdays import add_working_days
from notifications.models import OutboxMessage
from tests.factories import official

from .factories import a_case

pytestmark = pytest.mark.django_db


def sent(template):
    return sorted(
        OutboxMessage.objects.filter(template=f"cases/email/{template}").values_list(
            "recipient", flat=True
        )
    )


@pytest.fixture
def case(receptionist, reception):
    return a_case(by=receptionist, department=reception, title="Pizzeria")


def test_a_referral_due_in_two_working_days_reminds_the_department_inbox(case, receptionist, miljo):
    today = timezone.localdate()
    route_case(
        case=case,
        department=miljo,
        by=receptionist,
        request_text="Fråga",
        due_date=add_working_days(today, 2),
    )

    report = send_due_reminders(today=today)

    assert report.due_soon == 1
    assert sent("referral_due_soon") == [miljo.inbox_email]


def test_an_accepted_referral_reminds_its_assignee(case, receptionist, miljo, inspector):
    today = timezone.localdate()
    referral = route_case(
        case=case,
        department=miljo,
        by=receptionist,
        request_text="Fråga",
        due_date=add_working_days(today, 1),
    )
    accept_referral(referral=referral, by=inspector)

    send_due_reminders(today=today)

    assert sent("referral_due_soon") == [inspector.email]


def test_an_overdue_referral_escalates_to_the_coordinator_and_the_department_lead(
    case, receptionist, miljo, miljo_lead
):
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")
    Referral.objects.filter(pk=referral.pk).update(due_date=timezone.localdate() - timedelta(1))

    send_due_reminders()

    assert sent("referral_overdue") == sorted([receptionist.email, miljo_lead.email])


def test_an_overdue_case_notifies_the_coordinator_and_the_lead_department_lead(
    case, receptionist, reception
):
    boss = official(case.lead_department, Role.AVDELNINGSCHEF, email="chef@kommun.example")
    Case.objects.filter(pk=case.pk).update(due_date=timezone.localdate() - timedelta(days=3))

    send_due_reminders()

    assert sent("case_overdue") == sorted([receptionist.email, boss.email])


def test_each_reminder_is_sent_once_however_often_the_task_runs(
    case, receptionist, miljo, mailoutbox, django_capture_on_commit_callbacks
):
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")
    Referral.objects.filter(pk=referral.pk).update(due_date=timezone.localdate() - timedelta(1))
    Case.objects.filter(pk=case.pk).update(due_date=timezone.localdate() - timedelta(1))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = send_case_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        second = send_case_reminders()

    assert first == 2  # coordinator about the referral, coordinator about the case
    assert second == 0
    assert len(mailoutbox) == 2
    assert {m.subject for m in mailoutbox} == {
        f"Försenad remiss i {case.number}",
        f"Försenat ärende {case.number}",
    }


def test_answered_referrals_and_waiting_cases_are_left_alone(case, receptionist, miljo, inspector):
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")
    answer_referral(referral=referral, by=inspector, answer_text="Svar")
    Referral.objects.filter(pk=referral.pk).update(due_date=timezone.localdate() - timedelta(1))
    Case.objects.filter(pk=case.pk).update(
        status="waiting", due_date=timezone.localdate() - timedelta(1)
    )

    assert send_due_reminders().total == 0
