"""The demo's cases: about 300 consistent cases over a year, and a second run adds nothing."""

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from cases.identifiers import is_valid_company_identifier
from cases.models import Case, CaseEvent, Company, EventKind, Referral
from cases.workflow import CaseStatus, ReferralStatus
from demo.seed import demo_cases, seed_cases, seed_people
from demo.world import DEMO, DEMO_CASES
from notifications.models import OutboxMessage, OutboxStatus

pytestmark = pytest.mark.django_db


def test_demo_cases_are_many_consistent_and_seeded_once():
    lines: list[str] = []
    seed_people(lines.append)
    seed_cases(lines.append)

    assert Case.objects.count() == demo_cases().count() == DEMO_CASES
    assert Company.objects.count() == DEMO.company_count(DEMO_CASES) == 60
    identifiers = list(Company.objects.values_list("org_number", "identifier_kind"))
    assert all(is_valid_company_identifier(number) for number, _kind in identifiers)
    assert {kind for _number, kind in identifiers} == {"organisationsnummer", "personnummer"}
    numbers = list(Case.objects.values_list("number", flat=True))
    assert len(set(numbers)) == len(numbers)
    # every case has its opening on the timeline, no case lacks history
    assert (
        not Case.objects.annotate(opened=Count("events", filter=Q(events__kind=EventKind.OPENED)))
        .exclude(opened=1)
        .exists()
    )
    assert Referral.objects.filter(status=ReferralStatus.ANSWERED).count() > 100
    assert Referral.objects.filter(
        status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED]
    ).exists()
    assert CaseEvent.objects.filter(kind=EventKind.NOTE_ADDED).exists()
    assert CaseEvent.objects.filter(kind=EventKind.MESSAGE_RECEIVED).exists()
    assert Case.objects.filter(status=CaseStatus.CLOSED).count() > 50
    assert 3 <= Case.objects.overdue(timezone.localdate()).count() <= 60
    oldest = Case.objects.order_by("created_at").first()
    assert (timezone.localdate() - oldest.created_at.date()).days > 300
    assert not OutboxMessage.objects.filter(status=OutboxStatus.PENDING).exists()
    # The named demo people work the cases.
    assert Case.objects.filter(coordinator__email="johan.ek@exempelby.se").exists()

    seed_cases(lines.append)

    assert Case.objects.count() == DEMO_CASES
    assert "already exist" in lines[-1]


def test_no_demo_case_type_asks_the_whole_matter_to_be_done_in_a_few_working_days():
    """Issue 13, defect 12: the demo gave "Etablering / lokal / mark" 2 working days for the
    whole case (DOMAIN.md's promise of a first answer), so Näringsliv finished 0 % in time."""
    from demo.texts import CASE_TYPES

    per_day = {"working_days": 1, "calendar_days": 5 / 7}
    working_days = {code: amount * per_day[unit] for code, _n, _d, amount, unit, _t in CASE_TYPES}
    assert working_days["etablering"] >= 10
    assert min(working_days.values()) >= 10, working_days
