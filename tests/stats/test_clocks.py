"""Deadlines kept per clock and the fee reductions, on the statistics page."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Role
from cases.models import ClockKind
from cases.workflow import CaseStatus
from tests.factories import DepartmentFactory, official
from tests.public.factories import FinishedCaseFactory, PublicCaseTypeFactory

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(db):
    bygg = DepartmentFactory(name="Samhällsbyggnad", code="samhallsbyggnad-c")
    bygglov = PublicCaseTypeFactory(
        name="Bygglov", lead_department=bygg, clock=ClockKind.STATUTORY, statutory_weeks=10
    )
    food = PublicCaseTypeFactory(name="Livsmedel", lead_department=bygg)

    def statutory(decided_on, fifths, fee=None):
        return FinishedCaseFactory(
            case_type=bygglov,
            status=CaseStatus.DECIDED,
            created_at=at(date(2026, 3, 2)),
            decided_at=at(decided_on),
            closed_at=None,
            statutory_received_on=date(2026, 3, 2),
            statutory_due_date=date(2026, 5, 11),
            due_date=date(2026, 5, 11),
            fee_reduction_fifths=fifths,
            fee_kronor=fee,
        )

    statutory(date(2026, 5, 8), 0, 9000)  # kept
    statutory(date(2026, 5, 19), 2, 10000)  # 2 started weeks late: 4 000 kr
    statutory(date(2026, 6, 20), 5, 6000)  # all of it: 6 000 kr
    statutory(date(2026, 5, 12), 1)  # no fee recorded: 20 %
    FinishedCaseFactory(
        case_type=food,
        created_at=at(date(2026, 5, 4)),
        closed_at=at(date(2026, 5, 6)),
        due_date=date(2026, 5, 8),
    )
    return official(bygg, Role.SAMORDNARE)


def test_the_statistics_count_kept_deadlines_per_clock_and_sum_the_fee_reductions(client, decided):
    client.force_login(decided)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # English: checked before translation
    page = client.get(
        reverse("stats:index"), {"start": "2026-04-01", "end": "2026-06-30"}
    ).content.decode()

    statutory = page[page.index('data-testid="clock-statutory"') :].split("</tr>")[0]
    service = page[page.index('data-testid="clock-service"') :].split("</tr>")[0]
    assert "<td>4</td><td>1</td><td>25.0 %</td>" in statutory
    assert "<td>1</td><td>1</td><td>100.0 %</td>" in service
    fees = page[page.index('data-testid="fee-reductions"') :].split("</p>")[0]
    assert "3 cases, 10000 kr in all" in fees
    assert "1 reduced case has no fee recorded: on average 20 %" in fees
