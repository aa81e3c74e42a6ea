"""The totals and the departments' rows in one statement (``GROUPING SETS``) are the figures
the two statements gave: ``one_row`` over all the rows and the rows grouped by department."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Count, F, FloatField, Min, Q
from django.db.models.functions import Cast
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from demo.generator import generate
from stats.aggregates import Percentile
from stats.forms import StatsFilters
from stats.selectors.scope import Scope, grouped_with_total, one_row
from tests.factories import DepartmentFactory, official

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def aggregates():
    answered = Q(status="answered")
    return {
        "name": Min("department__name"),
        "n": Count("pk"),
        "answered": Count("pk", filter=answered),
        "median": Percentile(Cast(F("answer_days"), FloatField()), 0.5, filter=answered),
        "p90": Percentile(Cast(F("answer_days"), FloatField()), 0.9, filter=answered),
    }


def scope():
    user = official(DepartmentFactory(), Role.SAMORDNARE)
    filters = StatsFilters(start=date(2026, 1, 1), end=TODAY)
    return Scope(user=user, filters=filters, today=TODAY, figures_stored=True)


def test_one_statement_gives_the_total_and_the_groups_of_two():
    generate(cases=200, seed=5, today=TODAY)
    rows = scope().referral_rows()

    with CaptureQueriesContext(connection) as queries:
        total, groups = grouped_with_total(
            rows,
            key="department_id",
            name="department_id",
            aggregates=aggregates(),
            order=("name", "department_id"),
        )

    assert len(queries) == 1
    assert "GROUPING SETS" in queries[0]["sql"]
    expected_total = one_row(rows, aggregates())
    expected_groups = list(
        rows.values("department_id").annotate(**aggregates()).order_by("name", "department_id")
    )
    assert total == expected_total
    assert groups == expected_groups
    assert len(groups) > 3 and total["answered"] > 20
    assert total["n"] == sum(group["n"] for group in groups)


def test_no_rows_give_a_zero_total_and_no_groups():
    total, groups = grouped_with_total(
        scope().referral_rows(),
        key="department_id",
        name="department_id",
        aggregates=aggregates(),
        order=("name",),
    )

    assert groups == []
    assert total == {"name": None, "n": 0, "answered": 0, "median": None, "p90": None}
