"""The demo seeder: about 300 consistent cases, and a second run adds nothing."""

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from accounts import demo as accounts_demo
from cases import demo
from cases.identifiers import is_valid_company_identifier
from cases.models import Case, CaseEvent, Company, EventKind, Referral
from cases.workflow import CaseStatus, ReferralStatus
from notifications.models import OutboxMessage, OutboxStatus

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_demo_cases_are_many_consistent_and_seeded_once():
    lines: list[str] = []
    accounts_demo.seed(lines.append)
    demo.seed(lines.append)

    assert Case.objects.count() == demo.CASE_COUNT
    assert Company.objects.count() == demo.COMPANY_COUNT
    assert all(
        is_valid_company_identifier(n) for n in Company.objects.values_list("org_number", flat=True)
    )
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
    assert Case.objects.filter(status=CaseStatus.CLOSED).count() > 50
    assert 3 <= Case.objects.overdue(timezone.localdate()).count() <= 60
    oldest = Case.objects.order_by("created_at").first()
    assert (timezone.localdate() - oldest.created_at.date()).days > 300
    assert not OutboxMessage.objects.filter(status=OutboxStatus.PENDING).exists()

    demo.seed(lines.append)

    assert Case.objects.count() == demo.CASE_COUNT
    assert "already exist" in lines[-1]


def test_no_demo_case_type_asks_the_whole_matter_to_be_done_in_a_few_working_days():
    """Issue 13, defect 12: the demo gave "Etablering / lokal / mark" 2 working days for the
    whole case (DOMAIN.md's promise of a first answer), so Näringsliv finished 0 % in time."""
    from cases.demo_data import CASE_TYPES

    per_day = {"working_days": 1, "calendar_days": 5 / 7}
    working_days = {code: amount * per_day[unit] for code, _n, _d, amount, unit, _t in CASE_TYPES}
    assert working_days["etablering"] >= 10
    assert min(working_days.values()) >= 10, working_days
