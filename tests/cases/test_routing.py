"""Routing a case to another department and following its answer."""

import pytest
from django.utils import timezone

from cases.errors import CaseError, NotPermitted, TransitionNotAllowed
from cases.models import CaseEvent, EventKind, Referral
from cases.services.referrals import (
    accept_referral,
    answer_referral,
    decline_referral,
    reroute_referral,
    route_case,
    withdraw_referral,
)
from cases.workdays import add_working_days
from cases.workflow import ReferralStatus
from notifications.models import OutboxMessage

from .factories import a_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(receptionist, reception):
    return a_case(by=receptionist, department=reception, title="Ny pizzeria på Storgatan")


def kinds(case):
    return list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))


def test_lots_routes_case_to_another_department(case, receptionist, miljo):
    referral = route_case(
        case=case, department=miljo, by=receptionist, request_text="Behövs livsmedelsregistrering?"
    )

    assert referral.status == ReferralStatus.SENT
    assert referral.due_date == add_working_days(timezone.localdate(), 5)
    assert kinds(case) == [EventKind.OPENED, EventKind.ROUTED]
    routed = CaseEvent.objects.get(case=case, kind=EventKind.ROUTED)
    assert not routed.is_public  # referral internals are for officials
    # The receiving department's shared inbox hears about it.
    message = OutboxMessage.objects.about(case).get()
    assert message.recipient == miljo.inbox_email
    assert message.template == "cases/email/referral_received"
    assert message.context["request_text"] == "Behövs livsmedelsregistrering?"


def test_member_of_the_department_accepts_and_answers_and_coordinator_is_told(
    case, receptionist, miljo, inspector
):
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")

    referral = accept_referral(referral=referral, by=inspector)
    assert (referral.status, referral.assignee) == (ReferralStatus.ACCEPTED, inspector)
    referral = answer_referral(referral=referral, by=inspector, answer_text="Ja, 2 veckor före.")

    assert referral.status == ReferralStatus.ANSWERED
    assert referral.answered_at is not None
    assert kinds(case)[-3:] == [
        EventKind.REFERRAL_ACCEPTED,
        EventKind.STATUS_CHANGED,  # taking it on opened the new case
        EventKind.REFERRAL_ANSWERED,
    ]
    told = OutboxMessage.objects.about(case).get(template="cases/email/referral_answered")
    assert told.recipient == receptionist.email
    assert told.context["all_answered"] is True


def test_coordinator_learns_that_not_everyone_has_answered_yet(
    case, receptionist, miljo, inspector, bygg
):
    first = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga 1")
    route_case(case=case, department=bygg, by=receptionist, request_text="Fråga 2")

    answer_referral(referral=first, by=inspector, answer_text="Svar")

    told = OutboxMessage.objects.about(case).get(template="cases/email/referral_answered")
    assert told.context["all_answered"] is False


def test_someone_outside_the_department_cannot_accept_answer_or_decline(
    case, receptionist, miljo, builder
):
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")

    for action, extra in (
        (accept_referral, {}),
        (answer_referral, {"answer_text": "Svar"}),
        (decline_referral, {"reason": "Inte vårt"}),
    ):
        with pytest.raises(NotPermitted):
            action(referral=referral, by=builder, **extra)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert kinds(case) == [EventKind.OPENED, EventKind.ROUTED]


def test_declining_needs_a_reason_and_tells_the_coordinator(case, receptionist, miljo, inspector):
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")

    with pytest.raises(CaseError):
        decline_referral(referral=referral, by=inspector, reason="  ")
    referral = decline_referral(referral=referral, by=inspector, reason="Gäller bygglov")

    assert referral.status == ReferralStatus.DECLINED
    told = OutboxMessage.objects.about(case).get(template="cases/email/referral_declined")
    assert told.context["reason"] == "Gäller bygglov"


def test_an_answered_referral_cannot_be_answered_again(case, receptionist, miljo, inspector):
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")
    answer_referral(referral=referral, by=inspector, answer_text="Svar")

    with pytest.raises(TransitionNotAllowed):
        decline_referral(referral=referral, by=inspector, reason="Ändrat mig")


def test_a_declined_referral_is_rerouted_to_the_right_department(
    case, receptionist, miljo, inspector, bygg
):
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fasad?")
    decline_referral(referral=referral, by=inspector, reason="Gäller bygglov")

    new = reroute_referral(referral=referral, department=bygg, by=receptionist)

    assert new.department == bygg
    assert new.rerouted_from == referral
    assert new.request_text == "Fasad?"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert kinds(case)[-1] == EventKind.REFERRAL_REROUTED


def test_the_receiving_department_sends_an_open_referral_on(
    case, receptionist, miljo, inspector, bygg
):
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fasad?")

    new = reroute_referral(referral=referral, department=bygg, by=inspector)

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    assert new.status == ReferralStatus.SENT


def test_the_one_who_routed_withdraws_it_but_a_stranger_cannot(case, receptionist, miljo, builder):
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")

    with pytest.raises(NotPermitted):
        withdraw_referral(referral=referral, by=builder)
    referral = withdraw_referral(referral=referral, by=receptionist)

    assert referral.status == ReferralStatus.WITHDRAWN
    assert kinds(case)[-1] == EventKind.REFERRAL_WITHDRAWN


def test_a_case_is_not_routed_twice_to_the_same_department(case, receptionist, miljo):
    route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")

    with pytest.raises(CaseError):
        route_case(case=case, department=miljo, by=receptionist, request_text="Igen")
    assert Referral.objects.filter(case=case).count() == 1
