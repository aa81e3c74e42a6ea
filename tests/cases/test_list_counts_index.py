"""The list's capped counts read one index alone, whatever the filter (a transactional test:
VACUUM, which sets the visibility map an index-only scan needs, cannot run in a transaction)."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from cases.models import Case, Company
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory, CompanyFactory
from .volume import bulk_cases

# The list's filters whose columns the counts' index carries (cases.models.case:
# COUNTED_FILTER_COLUMNS), each with a value that many cases match, as a department, a case
# type or a door does in a register. (A selective value, a colleague or last week, is rightly
# counted through that column's own index; a search reads the search indexes.)
COUNTED_FILTERS = {
    "no filter": lambda w: {},
    "a department": lambda w: {"department": w["departments"][1].pk},
    "a case type": lambda w: {"case_type": w["case_types"][0].pk},
    "a door": lambda w: {"door": w["cases"][0].door_id},
    "opened from": lambda w: {"opened_from": timezone.localdate(w["cases"][30].created_at)},
    "overdue": lambda w: {"overdue": "on"},
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", list(COUNTED_FILTERS))
def test_the_status_counts_are_index_only_scans_whatever_the_filter(client, name):
    """The list's capped counts (each status's; the total is their sum) read an index holding
    the status, the columns of the visibility filter and those the filters test: once the table
    is vacuumed (as autovacuum keeps a table in use) an index-only scan, at 100,000 cases half
    the time of reading the rows (a case type's list 48 -> 32 ms)."""
    departments = [DepartmentFactory() for _ in range(2)]
    case_types = [CaseTypeFactory(lead_department=d) for d in departments]
    companies = Company.objects.bulk_create(CompanyFactory.build_batch(20))
    cases = bulk_cases(300, departments=departments, companies=companies, case_types=case_types)
    user = official(departments[0], Role.LOTS)
    # bulk_cases writes no waiting case: with none, either index answers that count alike.
    some_closed = Case.objects.filter(status="closed").values("pk")[:30]
    Case.objects.filter(pk__in=some_closed).update(status="waiting")
    world = {"departments": departments, "case_types": case_types, "cases": cases}
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("cases:list"), COUNTED_FILTERS[name](world))
    assert response.status_code == 200
    assert not response.context["filter"].form.errors
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(*)" in q["sql"]]
    # Whether the planner picks the index is a question of size: at 100,000 cases it does, at
    # 300 (with the index pages the earlier tests' rolled-back rows left) a narrower index that
    # reads the rows may look as cheap. What this test shows is that the index answers every
    # count alone: with the table's other indexes dropped (in a transaction, rolled back) and
    # the table scans taken away, each count is an index-only scan of it, which it cannot be
    # where a column a count tests is missing from it.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cases_case")
    with transaction.atomic(), connection.cursor() as cursor:
        for index in other_indexes_of("cases_case", keep=("cases_case_status_counts",)):
            # (the confidential cases' partial indexes go too: their subquery is not asserted)
            cursor.execute(f'DROP INDEX "{index}"')
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        plans = []
        for sql in counts:
            cursor.execute("EXPLAIN " + sql)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
        transaction.set_rollback(True)

    (by_status,) = plans  # the five statuses' counts, one statement (the total is their sum)
    # The scans of the list's cases (not of the confidential cases' subquery, aliased u0...).
    counted = re.compile(r"Index Only Scan using cases_case_status_counts on cases_case(?! u\d)")
    assert len(counted.findall(by_status)) == 5, by_status


def other_indexes_of(table: str, *, keep: tuple[str, ...]) -> list[str]:
    """The indexes of ``table`` but its primary key, its unique constraints and ``keep``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            " WHERE x.indrelid = %s::regclass AND NOT x.indisunique AND i.relname <> ALL(%s)",
            [table, list(keep)],
        )
        return [name for (name,) in cursor.fetchall()]
