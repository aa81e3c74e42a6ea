"""The statistics page is built with a fixed number of queries, whatever the amount of data.

Session, user and roles (3); the calendar check (1); are all figures stored (1); the
filter's three drop-downs (3);
cases: totals (with the clocks' counts), per department, per month opened and finished, doors,
late list (6);
referrals: totals, per department, late list (3); NKI: one grid from which the total, per
department, per case type, per quarter and the Insikt areas' figure are summed (1); training:
the edition, per department, over people, weakest topics (4).
"""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Role
from demo.generator import generate
from tests.factories import DepartmentFactory, official

pytestmark = pytest.mark.django_db

# 20, and 1 for the service guarantees (stats.selectors.clocks); the totals of cases and of
# referrals come with their departments' rows (GROUPING SETS, stats.selectors.scope).
STATS_QUERIES = 21
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("cases", [10, 1000])
def test_statistics_page_queries_do_not_grow(client, cases, django_assert_num_queries, monkeypatch):
    generate(cases=cases, seed=3, today=TODAY)
    monkeypatch.setattr("stats.forms.timezone.localdate", lambda *args: TODAY)
    coordinator = official(DepartmentFactory(), Role.SAMORDNARE)
    client.force_login(coordinator)
    query = {"start": "2025-12-01", "end": "2026-11-23"}

    with django_assert_num_queries(STATS_QUERIES):
        response = client.get(reverse("stats:index"), query)

    assert response.status_code == 200
    page = response.context["page"]
    assert page.totals.opened > (cases // 3)  # the data set is really there
    assert page.satisfaction.total.answers > 0


def test_a_department_leads_page_costs_the_same(client, django_assert_num_queries, monkeypatch):
    generate(cases=200, seed=4, today=TODAY)
    monkeypatch.setattr("stats.forms.timezone.localdate", lambda *args: TODAY)
    lead = official(DepartmentFactory(), Role.AVDELNINGSCHEF)
    client.force_login(lead)

    with django_assert_num_queries(STATS_QUERIES):
        response = client.get(reverse("stats:index"), {"start": "2026-01-01", "end": "2026-06-30"})

    assert response.status_code == 200
