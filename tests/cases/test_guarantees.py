"""Service guarantees: defined in admin, shown on the case with their state, a breach flagged
once to the coordinator and the lead department's lead, counted per guarantee."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from cases.guarantees import guarantees_kept
from cases.models import (
    Case,
    CaseEvent,
    EventKind,
    GuaranteeOutcome,
    GuaranteeState,
    Referral,
    ServiceGuarantee,
)
from cases.services.communication import send_message_to_business
from cases.services.guarantees import record_guarantee_outcomes
from cases.services.referrals import route_case
from confighistory.models import ConfigChange
from notifications.models import OutboxMessage
from tests.factories import official

from .factories import a_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer_in_48_hours(db):
    return ServiceGuarantee.objects.create(
        promise="svara eller skicka vidare inom 48 timmar",
        starts="opened",
        met_by="first_response",
        amount=48,
        unit="hours",
    )


@pytest.fixture
def referral_in_2_days(db):
    return ServiceGuarantee.objects.create(
        promise="besvara remisser inom 2 arbetsdagar",
        starts="referral_sent",
        met_by="referral_answered",
        amount=2,
        unit="working_days",
    )


def _opened_ago(case, hours):
    Case.objects.filter(pk=case.pk).update(created_at=timezone.now() - timedelta(hours=hours))
    case.refresh_from_db()
    return case


def _page(client, user, case):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # English: checked before translation
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_the_administrator_defines_a_guarantee_for_all_cases(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:cases_serviceguarantee_add")
    wrong = {
        "promise": "svara inom 2 arbetsdagar",
        "starts": "referral_sent",
        "met_by": "first_response",
        "amount": "2",
        "unit": "working_days",
        "is_active": "on",
        "position": "0",
    }

    refused = client.post(url, wrong)
    assert refused.status_code == 200 and not ServiceGuarantee.objects.exists()
    response = client.post(url, {**wrong, "starts": "opened"})

    assert response.status_code == 302
    guarantee = ServiceGuarantee.objects.get()
    assert guarantee.case_type is None and guarantee.met_by == "first_response"
    assert ConfigChange.objects.exists()  # kept with its history, as every configuration


def test_the_case_page_shows_a_running_then_kept_guarantee(
    client, receptionist, reception, answer_in_48_hours
):
    case = a_case(by=receptionist, department=reception)
    assert 'data-testid="guarantee-running"' in _page(client, receptionist, case)

    send_message_to_business(case=case, by=receptionist, body="Vi återkommer i morgon.")

    page = _page(client, receptionist, case)
    assert 'data-testid="guarantee-kept"' in page and "inom 48 timmar" in page


def test_a_breach_is_flagged_once_to_the_coordinator_and_the_lead(
    client, receptionist, reception, miljo, miljo_lead, answer_in_48_hours
):
    case = _opened_ago(a_case(by=receptionist, department=reception), 49)
    case.lead_department = miljo
    Case.objects.filter(pk=case.pk).update(lead_department=miljo)

    assert record_guarantee_outcomes() == 1
    assert record_guarantee_outcomes() == 0  # a second run flags nothing

    outcome = GuaranteeOutcome.objects.get()
    assert outcome.state == GuaranteeState.BREACHED and outcome.subject == "case"
    mails = OutboxMessage.objects.filter(template="cases/email/guarantee_breached")
    assert sorted(mails.values_list("recipient", flat=True)) == sorted(
        [receptionist.email, miljo_lead.email]
    )
    assert CaseEvent.objects.filter(case=case, kind=EventKind.GUARANTEE_BREACHED).count() == 1
    assert 'data-testid="guarantee-breached"' in _page(client, receptionist, case)


def test_a_referral_answered_late_breaches_its_guarantee(
    receptionist, reception, bygg, referral_in_2_days
):
    case = a_case(by=receptionist, department=reception)
    referral = route_case(case=case, department=bygg, by=receptionist, request_text="Bygglov?")
    Referral.objects.filter(pk=referral.pk).update(created_at=timezone.now() - timedelta(days=10))

    assert record_guarantee_outcomes() == 1
    mail = OutboxMessage.objects.get(template="cases/email/guarantee_breached")
    assert mail.context["department"] == bygg.name
    assert GuaranteeOutcome.objects.get().subject == f"referral:{referral.pk}"


def test_a_guarantee_for_one_case_type_does_not_apply_to_others(
    receptionist, reception, food_registration, general_matter
):
    ServiceGuarantee.objects.create(
        promise="svara inom 2 arbetsdagar",
        case_type=general_matter,
        starts="opened",
        met_by="coordinator_named",
        amount=2,
    )
    food = _opened_ago(
        a_case(by=receptionist, department=reception, case_type=food_registration), 24 * 9
    )
    Case.objects.filter(pk=food.pk).update(coordinator=None, coordinator_named_at=None)

    assert record_guarantee_outcomes() == 0
    assert not GuaranteeOutcome.objects.exists()


def test_kept_and_breached_per_guarantee_for_other_apps(
    receptionist, reception, answer_in_48_hours
):
    late = _opened_ago(a_case(by=receptionist, department=reception, title="Sen"), 60)
    on_time = _opened_ago(a_case(by=receptionist, department=reception, title="I tid"), 60)
    Case.objects.filter(pk=on_time.pk).update(first_response_at=on_time.created_at)
    record_guarantee_outcomes()

    today = timezone.localdate()
    [row] = guarantees_kept(today - timedelta(days=7), today)
    assert (row.promise, row.kept, row.breached, row.kept_share) == (
        "svara eller skicka vidare inom 48 timmar",
        1,
        1,
        50.0,
    )
    assert late.pk != on_time.pk
    assert guarantees_kept(today - timedelta(days=30), today - timedelta(days=8)) == []


def test_the_statistics_show_kept_and_breached_per_guarantee(
    client, receptionist, reception, answer_in_48_hours
):
    _opened_ago(a_case(by=receptionist, department=reception), 60)
    record_guarantee_outcomes()
    samordnare = official(reception, Role.SAMORDNARE)
    client.force_login(samordnare)
    today = timezone.localdate()

    page = client.get(
        reverse("stats:index"),
        {"start": (today - timedelta(days=7)).isoformat(), "end": today.isoformat()},
    ).content.decode()

    table = page[page.index('data-testid="guarantee-figures"') :].split("</table>")[0]
    assert "inom 48 timmar</th><td>0</td><td>1</td>" in table
