"""The case list's CSV export streams the visible cases instead of building the file."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from tests.factories import DepartmentFactory, official

from .factories import a_case

pytestmark = pytest.mark.django_db

HEADER = (
    "Ärendenummer;Titel;Företag;Organisationsnummer;Ärendetyp;Kom in via;Ansvarig avdelning;"
    "Samordnare;Status;Prioritet;Öppnat;Förfallodatum"
)


def export(client, **params):
    response = client.get(reverse("cases:export"), params)
    assert response.status_code == 200
    assert response.streaming  # rows are fetched and written while the file is sent
    return response.getvalue().decode("utf-8-sig").splitlines()


def test_the_export_streams_every_visible_case_with_the_swedish_header(
    client, receptionist, reception
):
    for n in range(3):
        a_case(by=receptionist, department=reception, title=f"Kafé nummer {n}")
    stranger_department = DepartmentFactory(name="Annan", code="annan-x")
    a_case(
        by=official(stranger_department, Role.LOTS),
        department=stranger_department,
        title="Hemlig sak",
        confidential=True,
    )
    client.force_login(receptionist)

    lines = export(client)

    assert lines[0] == HEADER
    assert sorted(line.split(";")[1] for line in lines[1:]) == [
        "Kafé nummer 0",
        "Kafé nummer 1",
        "Kafé nummer 2",
    ]


@pytest.mark.parametrize("cases", [2, 12])
def test_the_export_costs_the_same_queries_whatever_the_number_of_rows(
    client, receptionist, reception, cases, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr("cases.views.cases.EXPORT_CHUNK_SIZE", 5)  # several fetches
    for n in range(cases):
        a_case(by=receptionist, department=reception, title=f"Ärende {n}")
    client.force_login(receptionist)

    with django_assert_num_queries(4):  # session, user, memberships, the cases (one cursor)
        lines = export(client)

    assert len(lines) == cases + 1


def test_a_row_reads_each_column_as_the_user_sees_it(client, receptionist, reception):
    """The rows are read as plain values (no model instances): the labels, names and the
    local opening date must still be what the case page shows."""
    case = a_case(by=receptionist, department=reception, title="Kafé vid ån")
    client.force_login(receptionist)

    (row,) = export(client)[1:]

    assert row.split(";") == [
        case.number,
        "Kafé vid ån",
        case.company.name,
        case.company.org_number,
        case.case_type.name,
        case.door.name,
        case.lead_department.name,
        receptionist.full_name,
        "Nytt",
        "Normal",
        timezone.localtime(case.created_at).date().isoformat(),
        case.due_date.isoformat(),
    ]
