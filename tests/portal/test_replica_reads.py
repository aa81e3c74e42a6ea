"""Statistics and downloads read the replica when one is configured; everything else the
primary.

``settings_test`` declares a second alias, ``replica``, as a test mirror of the primary (the
same database, reached through its own connection), so the queries can be seen arriving on
the replica connection. A mirror sees only committed rows: these tests commit
(``transaction=True``).
"""

from __future__ import annotations

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from cases.models import Case
from lotsportal.dbrouting import ReportingRouter, reporting_database, reporting_reads
from tests.cases.factories import a_case
from tests.factories import DepartmentFactory, official

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


def tables_read(captured) -> set[str]:
    """The portal tables named in the captured SELECTs."""
    names = set()
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith(("SELECT", "DECLARE", "WITH")):
            continue
        for table in ("cases_case", "cases_referral", "stats_casefigures", "stats_calendarday"):
            if f'"{table}"' in sql:
                names.add(table)
    return names


def writes(captured) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


@pytest.fixture
def coordinator():
    department = DepartmentFactory(name="Näringsliv", code="naringsliv-r")
    user = official(department, Role.SAMORDNARE, email="samordnare.r@kommun.example")
    a_case(by=user, department=department, title="Kafé vid hamnen")
    return user


@pytest.fixture
def replica_on(settings):
    settings.REPORTING_DATABASE = "replica"
    assert reporting_database() == "replica"


def test_with_a_replica_the_statistics_are_read_from_it(client, coordinator, replica_on):
    client.force_login(coordinator)
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        response = client.get(reverse("stats:index"))

    assert response.status_code == 200
    assert response.context["page"].totals.opened == 1
    assert {"cases_case", "cases_referral", "stats_casefigures"} <= tables_read(on_replica)
    assert tables_read(on_primary) == set()  # the primary served the session and the user
    assert writes(on_replica) == []


def test_with_a_replica_the_case_export_streams_from_it(client, coordinator, replica_on):
    client.force_login(coordinator)
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        response = client.get(reverse("cases:export"))
        body = response.getvalue().decode("utf-8-sig")

    assert "Kafé vid hamnen" in body
    assert "cases_case" in tables_read(on_replica)
    assert "cases_case" not in tables_read(on_primary)


def test_with_a_replica_the_statistics_workbook_is_read_from_it(client, coordinator, replica_on):
    client.force_login(coordinator)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = client.get(reverse("stats:export_workbook"))
        response.getvalue()
    assert response.status_code == 200
    assert "cases_case" in tables_read(on_replica)


def test_the_case_pages_and_every_write_stay_on_the_primary(client, coordinator, replica_on):
    client.force_login(coordinator)
    case = Case.objects.get()
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get(reverse("cases:list")).status_code == 200
        assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
        response = client.post(reverse("cases:status", args=[case.pk]), {"status-to": "open"})
    assert response.status_code == 302
    assert on_replica.captured_queries == []
    assert Case.objects.get().status == "open"


def test_without_a_replica_everything_reads_the_primary(client, coordinator):
    assert reporting_database() == DEFAULT_DB_ALIAS
    client.force_login(coordinator)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get(reverse("stats:index")).status_code == 200
        assert client.get(reverse("cases:export")).getvalue()
    assert on_replica.captured_queries == []


def test_the_router_sends_only_report_reads_to_the_replica(replica_on):
    router = ReportingRouter()
    assert router.db_for_read(Case) is None  # Django's default: the primary
    assert router.db_for_write(Case) == DEFAULT_DB_ALIAS
    with reporting_reads() as alias:
        assert alias == "replica"
        assert router.db_for_read(Case) == "replica"
        assert router.db_for_write(Case) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Case) is None
    assert router.allow_migrate("replica", "cases") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "cases") is None
