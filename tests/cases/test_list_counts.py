"""The list's total comes from its status counts (issue 12): every case has one status, so the
total is the chosen status's count or, with none chosen, their sum, said "more than" past the
cap, and it follows the other filters as the counts do."""

import pytest

from cases.models import Case
from cases.views import cases as case_views

from .factories import CaseTypeFactory, a_case
from .test_search_counts import english_list, status_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(receptionist, reception, miljo):
    """Six cases opened at the reception: three new, two open (led by miljö), one closed."""
    food = CaseTypeFactory(lead_department=miljo)
    for i, status in enumerate(["new", "new", "new", "open", "open", "closed"]):
        case_type = food if status == "open" else None
        case = a_case(
            by=receptionist, department=reception, case_type=case_type, title=f"Ärende {i}"
        )
        Case.objects.filter(pk=case.pk).update(status=status)


def case_count(html: str) -> str:
    start = html.index('data-testid="case-count">') + len('data-testid="case-count">')
    return html[start : html.index("</h2>", start)]


def test_the_total_is_the_sum_of_the_status_counts_or_the_chosen_one(
    client, receptionist, register
):
    client.force_login(receptionist)

    html = english_list(client)

    assert case_count(html) == "6 cases"
    assert status_line(html) == "New: 3 Open: 2 Waiting for the business: 0 Decided: 0 Closed: 1"
    assert case_count(english_list(client, status="open")) == "2 cases"
    assert case_count(english_list(client, status="closed")) == "1 case"
    assert case_count(english_list(client, status="waiting")) == "0 cases"


def test_past_the_cap_the_total_says_more_than(client, receptionist, register, monkeypatch):
    monkeypatch.setattr(case_views, "COUNT_CAP", 3)
    client.force_login(receptionist)

    html = english_list(client)

    assert case_count(html) == "More than 3 cases"
    assert status_line(html) == "New: 3 Open: 2 Waiting for the business: 0 Decided: 0 Closed: 1"
    assert case_count(english_list(client, status="new")) == "3 cases"  # at the cap: exact
    assert case_count(english_list(client, status="open")) == "2 cases"


def test_the_total_follows_the_other_filters(client, receptionist, register, miljo):
    client.force_login(receptionist)

    html = english_list(client, department=miljo.pk)

    assert case_count(html) == "2 cases"  # the two miljö leads; the reception took in all six
    assert "Open: 2" in status_line(html)
    assert case_count(english_list(client, department=miljo.pk, status="new")) == "0 cases"
