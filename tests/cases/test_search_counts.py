"""A search's total and status counts come from one walk of its newest matches (issue 12):
exact while fewer than the cap match, else the division of the newest ones, said so."""

import re

import pytest
from django.urls import reverse

from cases.models import Case
from cases.views import cases as case_views

from .factories import a_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def cafes(receptionist, reception):
    """Five cafés (oldest first: new, open, closed, closed, decided) and a garage."""
    made = [
        a_case(by=receptionist, department=reception, title=f"Kafé vid torget {i}")
        for i in range(5)
    ]
    a_case(by=receptionist, department=reception, title="Bilverkstad")
    for case, status in zip(made, ["new", "open", "closed", "closed", "decided"], strict=True):
        Case.objects.filter(pk=case.pk).update(status=status)
    return made


def status_line(html: str) -> str:
    line = re.search(r'data-testid="status-counts"[^>]*>(.*?)</ul>', html, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", line)).strip()


def english_list(client, **params) -> str:
    client.cookies["django_language"] = "en"
    response = client.get(reverse("cases:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_search_with_fewer_matches_than_the_cap_counts_exactly(client, receptionist, cafes):
    client.force_login(receptionist)

    html = english_list(client, q="kafé")

    assert "5 cases" in html
    assert status_line(html) == "New: 1 Open: 1 Waiting for the business: 0 Decided: 1 Closed: 2"
    assert 'data-testid="status-sampled"' not in html
    assert "Bilverkstad" not in html


def test_a_search_with_more_matches_divides_the_newest(client, receptionist, cafes, monkeypatch):
    monkeypatch.setattr(case_views, "COUNT_CAP", 3)
    client.force_login(receptionist)

    html = english_list(client, q="kafé")

    assert "More than 3 cases" in html
    # The newest three: decided, closed, closed.
    assert status_line(html) == (
        "Of the newest 3: New: 0 Open: 0 Waiting for the business: 0 Decided: 1 Closed: 2"
    )
    assert all(f"Kafé vid torget {i}<" in html for i in range(5))  # the page shows them all


def test_a_search_and_a_status_counts_that_status(client, receptionist, cafes, monkeypatch):
    monkeypatch.setattr(case_views, "COUNT_CAP", 3)
    client.force_login(receptionist)

    html = english_list(client, q="kafé", status="new")

    assert "1 case" in html  # the oldest café: outside the newest three, counted all the same
    assert "Kafé vid torget 0<" in html
    assert "Kafé vid torget 1<" not in html


def test_a_search_reads_its_total_and_status_counts_in_one_statement(
    client, receptionist, cafes, django_assert_num_queries
):
    from .test_query_counts import LIST_QUERIES

    client.force_login(receptionist)
    english_list(client, q="kafé")  # the drop-downs' cache warmed

    # As every list's: the total and the status counts in one statement.
    with django_assert_num_queries(LIST_QUERIES):
        english_list(client, q="kafé")
