"""The per-case working-day figures: written with every change, read by the statistics.

The statistics used to look every case's dates up in the calendar table on every request
(eight correlated subplans per case); now each case's figures are stored when it changes.
"""

from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Value

from accounts.models import Role
from cases.models import Case, Referral
from cases.services.cases import change_status
from cases.services.referrals import answer_referral, route_case
from cases.workflow import CaseStatus
from stats.figures import (
    CASE_FIGURES,
    REFERRAL_FIGURES,
    case_figure,
    figures_complete,
    referral_figure,
    with_case_dates,
    with_referral_dates,
)
from stats.models import CalendarDay, CaseFigures, ReferralFigures
from stats.selectors import statistics_page
from stats.selectors.cases import _case_aggregates, _relevant_cases
from stats.selectors.scope import Scope
from stats.services.figures import rebuild_case_figures
from tests.cases.factories import a_case
from tests.factories import DepartmentFactory, official

from .conftest import Q1, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def reception(db):
    return DepartmentFactory(name="Kontaktcenter", code="kontaktcenter-f")


@pytest.fixture
def receptionist(reception):
    return official(reception, Role.LOTS, email="anna@kommun.example")


@pytest.fixture
def miljo(db):
    return DepartmentFactory(name="Miljö", code="miljo-f")


@pytest.fixture
def inspector(miljo):
    return official(miljo, Role.LOTS, email="ali@kommun.example")


def computed(case: Case) -> dict:
    """The case's figures as the statistics compute them from the calendar, on the fly."""
    row = with_case_dates(Case.objects.filter(pk=case.pk)).annotate(
        **{name: case_figure(name) for name in CASE_FIGURES}
    )
    return row.values(*CASE_FIGURES).get()


def stored(case: Case) -> dict:
    return CaseFigures.objects.filter(case=case).values(*CASE_FIGURES).get()


def stored_referral(referral: Referral) -> dict:
    return ReferralFigures.objects.filter(referral=referral).values(*REFERRAL_FIGURES).get()


def computed_referral(referral: Referral) -> dict:
    row = with_referral_dates(Referral.objects.filter(pk=referral.pk)).annotate(
        **{name: referral_figure(name) for name in REFERRAL_FIGURES}
    )
    return row.values(*REFERRAL_FIGURES).get()


def test_every_change_of_a_case_through_the_services_stores_its_figures(
    receptionist, reception, miljo, inspector
):
    case = a_case(by=receptionist, department=reception)
    # Opened: no answer and not finished yet; the due date's place in the calendar is known.
    assert stored(case) == computed(case)
    assert stored(case)["first_response_days"] is None
    assert stored(case)["lead_days"] is None
    assert stored(case)["due_day_number"] == (
        CalendarDay.objects.get(day=case.due_date).working_day_number
    )

    case = change_status(case=case, to=CaseStatus.OPEN, by=receptionist)
    # Opening is no answer: the first answer is what the business is told (issue 13, item 12).
    assert stored(case) == computed(case)
    assert stored(case)["first_response_days"] is None

    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")
    assert stored_referral(referral) == computed_referral(referral)
    assert stored_referral(referral)["answer_days"] is None
    referral = answer_referral(referral=referral, by=inspector, answer_text="Svar")
    assert stored_referral(referral)["answer_days"] == 0
    assert stored_referral(referral)["answered_days_late"] < 0  # answered before it was due

    case = change_status(case=case, to=CaseStatus.DECIDED, by=receptionist)
    assert stored(case) == computed(case)
    assert stored(case)["lead_days"] == 0
    assert stored(case)["first_response_days"] == 0  # the decision told the day it came in
    assert stored(case)["finished_days_late"] <= 0


def test_rebuild_writes_the_figures_of_every_case_in_batches(quarter):
    assert not CaseFigures.objects.exists()  # written directly, as the bench generator does
    call_command("rebuild_case_figures", "--batch-size", "3")
    assert CaseFigures.objects.count() == 8
    assert ReferralFigures.objects.count() == 5
    for case in quarter.cases.values():
        assert stored(case) == computed(case)
    c1 = stored(quarter.cases["C1"])
    assert (c1["first_response_days"], c1["lead_days"], c1["finished_days_late"]) == (1, 8, 1)
    r2 = stored_referral(quarter.referrals["R2"])
    assert (r2["answer_days"], r2["answered_days_late"]) == (5, 3)
    # Run again (e.g. after a calendar change): the same rows, updated in place.
    assert rebuild_case_figures(batch_size=100) == {"cases": 8, "referrals": 5}
    assert CaseFigures.objects.count() == 8


def _samordnare():
    return official(DepartmentFactory(name="Näringsliv", code="nl-stored"), Role.SAMORDNARE)


def test_the_statistics_read_the_stored_figures_not_the_calendar(quarter):
    user = _samordnare()
    rebuild_case_figures()
    # The calendar of the quarter is gone: only stored figures can still give the answers.
    CalendarDay.objects.filter(day__gte=date(2025, 12, 1), day__lte=date(2026, 3, 31)).delete()

    page = statistics_page(user=user, filters=Q1, today=TODAY)
    assert (page.totals.response_median, page.totals.lead_median) == (1.0, 8.5)
    assert page.referral_totals.answer_median == 3.0
    assert [(c.number, c.working_days_late) for c in page.late_cases] == [
        ("TEST 2026/7", 2),
        ("TEST 2026/1", 1),
        ("TEST 2026/3", 20),  # still open: from the stored due date to today
    ]
    assert [r.working_days_late for r in page.late_referrals] == [3, 24]

    # Without the stored rows the figures are computed from the (now broken) calendar.
    CaseFigures.objects.all().delete()
    ReferralFigures.objects.all().delete()
    page = statistics_page(user=user, filters=Q1, today=TODAY)
    assert (page.totals.response_median, page.totals.lead_median) == (None, None)
    assert page.referral_totals.answer_median is None


def _calendar_loops(plan: dict) -> int:
    """How many times the plan's nodes read the calendar table (EXPLAIN ANALYZE loops)."""
    loops = plan["Actual Loops"] if plan.get("Relation Name") == "stats_calendarday" else 0
    return loops + sum(_calendar_loops(child) for child in plan.get("Plans", []))


def _totals_plan(user) -> dict:
    import json

    scope = Scope(user=user, filters=Q1, today=TODAY, figures_stored=figures_complete())
    grouped = (
        _relevant_cases(scope)
        .annotate(_all=Value(1))
        .values("_all")
        .annotate(**_case_aggregates(scope))
        .order_by()
    )
    explained = grouped.explain(format="json", analyze=True)
    return json.loads(explained)[0]["Plan"]


def test_with_stored_figures_the_totals_query_never_reads_the_calendar(quarter):
    user = _samordnare()
    assert not figures_complete()
    assert _calendar_loops(_totals_plan(user)) > 0  # computed: looked up case by case
    rebuild_case_figures()
    assert figures_complete()
    plan = _totals_plan(user)
    assert _calendar_loops(plan) == 0
    assert "stats_calendarday" not in str(plan)  # no subplans left to cost (or JIT-compile)


def test_a_case_without_stored_figures_is_still_counted(quarter):
    user = _samordnare()
    rebuild_case_figures()
    CaseFigures.objects.filter(case=quarter.cases["C1"]).delete()  # e.g. bulk-loaded later
    assert not figures_complete()
    page = statistics_page(user=user, filters=Q1, today=TODAY)
    assert (page.totals.lead_median, page.totals.lead_p90) == (8.5, 9.7)
