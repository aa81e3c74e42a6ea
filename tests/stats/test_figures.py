"""Every figure of the statistics compared with the values computed by hand in conftest.py.

Each test runs twice: once with the working-day figures computed on the fly (cases written
without the services, before any rebuild), once with them stored by ``rebuild_case_figures``.
"""

from datetime import date

import pytest

from stats.forms import StatsFilters
from stats.models import CaseFigures, ReferralFigures
from stats.selectors import statistics_page
from stats.services.figures import rebuild_case_figures

from .conftest import Q1, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["computed on the fly", "stored"])
def figures(request, quarter):
    if request.param == "stored":
        assert rebuild_case_figures(batch_size=3) == {"cases": 8, "referrals": 5}
        assert CaseFigures.objects.count() == 8 and ReferralFigures.objects.count() == 5
    else:
        assert not CaseFigures.objects.exists()
    return request.param


def page_for(user, filters=Q1):
    return statistics_page(user=user, filters=filters, today=TODAY)


def test_cases_opened_finished_and_open_now(coordinator):
    totals = page_for(coordinator).totals
    # Opened in Q1: C1, C2, C3, C4, C6, C7, C8 (C5 was opened in December).
    assert totals.opened == 7
    # Decided or closed in Q1: C1, C2, C5, C7 (C8 closed in April).
    assert totals.finished == 4
    # Today: C3 open, C4 new, C6 waiting; only C3 is past its due date (C6's clock is paused).
    assert (totals.open_now, totals.waiting_now, totals.overdue_now) == (3, 1, 1)


def test_cases_per_month_count_local_dates_and_show_empty_months(coordinator):
    months = page_for(coordinator).months
    assert [(m.month, m.opened, m.finished) for m in months] == [
        # C2 was opened at 00:30 on 2 February, which is still 1 February in UTC.
        (date(2026, 1, 1), 2, 3),
        (date(2026, 2, 1), 1, 1),
        (date(2026, 3, 1), 4, 0),
    ]


def test_doors_show_how_businesses_came_in(coordinator):
    doors = page_for(coordinator).doors
    assert [(d.label, d.count) for d in doors] == [("Telefon", 4), ("Reception", 3)]
    assert doors[0].share == pytest.approx(400 / 7)
    assert doors[1].share == pytest.approx(300 / 7)


def test_first_answer_lead_time_in_working_days(coordinator):
    totals = page_for(coordinator).totals
    # Opened in Q1 and answered: C1 1 (6 Jan is a holiday), C2 0, C3 5, C6 1, C7 0, C8 1.
    assert totals.answered == 6
    assert totals.unanswered == 1  # C4
    # Sorted 0 0 1 1 1 5: median between the 3rd and 4th; p90 at position 4.5.
    assert totals.response_median == pytest.approx(1.0)
    assert totals.response_p90 == pytest.approx(3.0)


def test_opened_to_finished_lead_time_leaves_out_paused_days(coordinator):
    totals = page_for(coordinator).totals
    # C1 10 − 2 paused = 8; C2 9; C5 13 − 3 paused = 10 (over Christmas and the new year);
    # C7 4. Sorted 4 8 9 10: median 8.5, p90 at position 2.7: 9 + 0.7 × 1.
    assert totals.lead_median == pytest.approx(8.5)
    assert totals.lead_p90 == pytest.approx(9.7)


def test_deadlines_kept_for_cases(coordinator):
    totals = page_for(coordinator).totals
    assert (totals.on_time, totals.late) == (2, 2)  # C2 and C5 on time; C1 and C7 late
    assert totals.on_time_share == pytest.approx(50.0)


def test_list_of_late_cases_in_due_date_order_with_working_days_late(coordinator, quarter):
    page = page_for(coordinator)
    late = [(c.number, c.working_days_late, c.finished_on) for c in page.late_cases]
    assert late == [
        ("TEST 2026/7", 2, date(2026, 1, 16)),  # due 14 Jan, closed 16 Jan
        ("TEST 2026/1", 1, date(2026, 1, 20)),  # due 19 Jan, closed 20 Jan
        # Still open, due 16 March; to today 15 April with Easter in between: 20.
        ("TEST 2026/3", 20, None),
    ]
    assert page.late_cases_total == 3


def test_breakdown_by_department(coordinator):
    rows = {row.department: row for row in page_for(coordinator).by_department}
    assert set(rows) == {"Miljö", "Bygg"}
    miljo, bygg = rows["Miljö"], rows["Bygg"]
    assert (miljo.opened, miljo.finished, miljo.on_time, miljo.open_now) == (3, 2, 1, 1)
    assert miljo.lead_median == pytest.approx(8.5)  # C1 8, C2 9
    assert (bygg.opened, bygg.finished, bygg.on_time, bygg.overdue_now) == (4, 2, 1, 1)
    assert bygg.lead_median == pytest.approx(7.0)  # C5 10, C7 4


def test_referral_lead_times_and_deadlines(coordinator):
    page = page_for(coordinator)
    totals = page.referral_totals
    # Answered in Q1: R1 3, R2 5, R4 1. R5 was declined and is not an answer.
    assert totals.sent == 5
    assert totals.answered == 3
    assert totals.answer_median == pytest.approx(3.0)
    assert totals.answer_p90 == pytest.approx(4.6)
    assert (totals.on_time, totals.late) == (2, 1)
    assert (totals.open_now, totals.overdue_now) == (1, 1)
    late = [(r.case_number, r.department_name, r.working_days_late) for r in page.late_referrals]
    assert late == [("TEST 2026/2", "Bygg", 3), ("TEST 2026/3", "Miljö", 24)]


def test_referrals_by_answering_department(coordinator):
    rows = {row.department: row for row in page_for(coordinator).referrals_by_department}
    assert (rows["Bygg"].answered, rows["Bygg"].on_time) == (2, 1)
    assert rows["Bygg"].answer_median == pytest.approx(4.0)
    assert (rows["Miljö"].answered, rows["Miljö"].overdue_now) == (0, 1)
    assert rows["Miljö"].answer_median is None
    assert rows["Tillstånd"].answered == 1


def test_filter_by_department_door_and_case_type(coordinator, quarter):
    by_department = page_for(
        coordinator, StatsFilters(start=Q1.start, end=Q1.end, department=quarter.miljo)
    )
    assert (by_department.totals.opened, by_department.totals.finished) == (3, 2)
    # For referrals the department is the one that answers: R3 to Miljö is open.
    assert (by_department.referral_totals.answered, by_department.referral_totals.open_now) == (
        0,
        1,
    )
    phone = quarter.cases["C2"].door
    by_door = page_for(coordinator, StatsFilters(start=Q1.start, end=Q1.end, door=phone))
    assert by_door.totals.opened == 4  # C2, C4, C7, C8
    assert by_door.totals.lead_median == pytest.approx(6.5)  # C2 9, C7 4


def test_an_empty_period_shows_zeros_and_no_lead_times(coordinator):
    page = page_for(coordinator, StatsFilters(start=date(2024, 1, 1), end=date(2024, 3, 31)))
    totals = page.totals
    assert (totals.opened, totals.finished, totals.answered) == (0, 0, 0)
    assert totals.lead_median is None and totals.on_time_share is None
    assert [m.opened for m in page.months] == [0, 0, 0]
    assert page.doors == []
    assert page.referral_totals.answered == 0
    assert page.referral_totals.answer_median is None
    # Cases still open today are "open now" whatever the period.
    assert totals.open_now == 3
