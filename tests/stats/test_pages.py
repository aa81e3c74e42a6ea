"""The statistics pages as their users meet them: who may open them, the filter, the files."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from tests.factories import official

pytestmark = pytest.mark.django_db

Q1_QUERY = {"start": "2026-01-01", "end": "2026-03-31"}


@pytest.fixture
def today(monkeypatch):
    """Freeze the portal's "today" at the data set's 15 April 2026."""
    monkeypatch.setattr("stats.forms.timezone.localdate", lambda *args: date(2026, 4, 15))


def signed_in(client, user):
    client.force_login(user)
    return client


def test_a_plain_lots_may_not_open_the_statistics(client, quarter):
    lots = official(quarter.miljo, Role.LOTS)
    signed_in(client, lots)
    assert client.get(reverse("stats:index")).status_code == 403
    assert client.get(reverse("stats:export_workbook")).status_code == 403
    assert client.get(reverse("stats:report")).status_code == 403
    assert "/statistik/" not in client.get(reverse("cases:my_work")).content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("stats:index"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_coordinator_sees_the_figures_of_the_period(client, coordinator, today):
    signed_in(client, coordinator)
    response = client.get(reverse("stats:index"), Q1_QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="opened">7<' in html
    assert 'data-figure="finished">4<' in html
    # 8.5 working days, with the Swedish decimal comma.
    assert "8,5" in html
    assert "Period 2026-01-01 – 2026-03-31" in html
    assert "Statistik" in html  # the menu item, in Swedish


def test_department_lead_counts_confidential_cases_only_of_own_departments(
    client, lead_miljo, lead_bygg, today
):
    # C7 is confidential, led by Bygg: Miljö's lead counts six cases, Bygg's lead seven.
    html = signed_in(client, lead_miljo).get(reverse("stats:index"), Q1_QUERY).content.decode()
    assert 'data-figure="opened">6<' in html
    assert "Hemlig etablering" not in html
    assert "Confidential cases count only where your departments take part." in html or (
        "Sekretessmarkerade" in html
    )
    client.logout()
    html = signed_in(client, lead_bygg).get(reverse("stats:index"), Q1_QUERY).content.decode()
    assert 'data-figure="opened">7<' in html
    assert "Hemlig etablering" in html


def test_coordinator_counts_a_confidential_case_but_does_not_read_its_title(
    client, coordinator, quarter, today
):
    html = signed_in(client, coordinator).get(reverse("stats:index"), Q1_QUERY).content.decode()
    assert "TEST 2026/7" in html  # listed as late, by number
    assert "Hemlig etablering" not in html
    assert reverse("cases:detail", args=[quarter.cases["C7"].pk]) not in html
    assert reverse("cases:detail", args=[quarter.cases["C1"].pk]) in html


def test_a_period_that_ends_before_it_starts_is_refused_and_kept(client, coordinator):
    response = signed_in(client, coordinator).get(
        reverse("stats:index"), {"start": "2026-05-01", "end": "2026-01-01"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Periodens slut får inte vara före dess början." in html
    assert 'value="2026-05-01"' in html and 'value="2026-01-01"' in html
    assert "key-figures" not in html


def test_a_date_that_is_not_a_date_gets_a_swedish_error(client, coordinator):
    response = signed_in(client, coordinator).get(reverse("stats:index"), {"start": "igår"})
    assert response.status_code == 400
    assert "Fyll i ett giltigt datum." in response.content.decode()


def test_the_workbook_holds_every_table_with_the_same_numbers(client, coordinator, today):
    response = signed_in(client, coordinator).get(reverse("stats:export_workbook"), Q1_QUERY)
    assert response.status_code == 200
    assert "lotsstatistik-2026-01-01-2026-03-31.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert "avdelningar" in book.sheetnames and "sena_arenden" in book.sheetnames
    months = book["manader"]
    # Row 1 the title, row 2 the header, then one row a month.
    assert [cell.value for cell in months[3]] == ["januari 2026", 2, 3]
    lead = book["ledtider"]
    assert [cell.value for cell in lead[4]][1:] == [4, 8.5, 9.7]
    late = book["sena_arenden"]
    assert [row[0].value for row in late.iter_rows(min_row=3)] == [
        "TEST 2026/7",
        "TEST 2026/1",
        "TEST 2026/3",
    ]


def test_one_table_as_csv(client, coordinator, today):
    response = signed_in(client, coordinator).get(
        reverse("stats:export_table", args=["dorrar", "csv"]), Q1_QUERY
    )
    assert response.status_code == 200
    lines = response.getvalue().decode("utf-8-sig").splitlines()
    assert lines[0] == "Dörr;Öppnade ärenden;Andel (%)"
    assert lines[1:] == ["Telefon;4;57,1", "Reception;3;42,9"]


def test_unknown_table_or_format_is_not_found(client, coordinator):
    signed_in(client, coordinator)
    assert client.get(reverse("stats:export_table", args=["nope", "csv"])).status_code == 404
    assert client.get(reverse("stats:export_table", args=["dorrar", "pdf"])).status_code == 404


def test_printable_report_has_the_key_figures_and_print_styles(client, coordinator, today):
    response = signed_in(client, coordinator).get(reverse("stats:report"), Q1_QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="opened">7<' in html
    assert "stats-report.css" in html
    assert "data-print" in html
