"""The case's columns stored beside its figures (issue 12): they follow every change of the
case through the services, and the statistics read from them give the same page as from the
cases themselves.

With every figure stored the statistics aggregate ``CaseFigures`` and ``ReferralFigures``
alone (the narrow tables), so a column that did not follow a change would be a wrong figure.
"""

import dataclasses
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Department, Role
from cases.models import Case, Door, Referral
from cases.services.cases import change_status
from cases.services.editing import CaseChanges, edit_case
from cases.services.referrals import answer_referral, route_case
from cases.services.retention import anonymise_case
from cases.workflow import CaseStatus
from demo.generator import generate
from stats.figures import (
    CASE_COLUMNS,
    REFERRAL_COLUMNS,
    figures_complete,
    forget_figures_complete,
    with_case_dates,
)
from stats.forms import StatsFilters
from stats.models import CaseFigures, ReferralFigures
from stats.selectors import statistics_page
from stats.services.figures import rebuild_case_figures
from tests.cases.factories import CaseTypeFactory, a_case
from tests.factories import DepartmentFactory, official

from .conftest import Q1, TODAY

pytestmark = pytest.mark.django_db


def columns_of_the_case(case: Case) -> dict:
    return with_case_dates(Case.objects.filter(pk=case.pk)).values(*CASE_COLUMNS).get()


def stored_columns(case: Case) -> dict:
    return CaseFigures.objects.filter(case=case).values(*CASE_COLUMNS).get()


def columns_of_the_referral(referral: Referral) -> dict:
    row = Referral.objects.filter(pk=referral.pk).values(*REFERRAL_COLUMNS.values()).get()
    return dict(zip(REFERRAL_COLUMNS, row.values(), strict=True))


def stored_referral_columns(referral: Referral) -> dict:
    return ReferralFigures.objects.filter(referral=referral).values(*REFERRAL_COLUMNS).get()


def changes(case: Case, **fields) -> CaseChanges:
    current = {name: getattr(case, name) for name in CaseChanges.__dataclass_fields__}
    return CaseChanges(**{**current, **fields})


@pytest.fixture
def reception(db):
    return DepartmentFactory(name="Kontaktcenter", code="kontaktcenter-c")


@pytest.fixture
def receptionist(reception):
    return official(reception, Role.LOTS, email="kim@kommun.example")


def test_the_stored_columns_follow_the_case_through_the_services(reception, receptionist):
    miljo = DepartmentFactory(name="Miljö", code="miljo-c")
    inspector = official(miljo, Role.LOTS, email="ali@kommun.example")
    case = a_case(by=receptionist, department=reception)
    assert stored_columns(case) == columns_of_the_case(case)
    assert stored_columns(case)["lead_department_id"] == case.lead_department_id

    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")
    assert stored_referral_columns(referral) == columns_of_the_referral(referral)

    # Re-routed to another lead department, another type, and made confidential: the case's
    # row and its referral's row (which carries the case's type and flag) follow.
    other_type = CaseTypeFactory(lead_department=miljo)
    case = edit_case(
        case=case,
        by=receptionist,
        changes=changes(case, lead_department=miljo, case_type=other_type, confidential=True),
    )
    stored = stored_columns(case)
    assert stored == columns_of_the_case(case)
    assert (stored["lead_department_id"], stored["case_type_id"], stored["confidential"]) == (
        miljo.pk,
        other_type.pk,
        True,
    )
    assert stored_referral_columns(referral) == columns_of_the_referral(referral)
    assert stored_referral_columns(referral)["confidential"] is True

    referral = answer_referral(referral=referral, by=inspector, answer_text="Svar")
    assert stored_referral_columns(referral)["answered_at"] == referral.answered_at
    assert stored_referral_columns(referral)["status"] == "answered"

    # Closed and opened again: the finishing time comes and goes with the status.
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN  # routing took it up
    case = change_status(case=case, to=CaseStatus.CLOSED, by=receptionist)
    assert stored_columns(case)["finished_at"] == case.closed_at is not None
    assert stored_columns(case)["status"] == CaseStatus.CLOSED
    case = change_status(case=case, to=CaseStatus.OPEN, by=receptionist)
    assert stored_columns(case) == columns_of_the_case(case)
    assert stored_columns(case)["status"] == CaseStatus.OPEN


def test_an_anonymised_case_keeps_its_stored_columns(
    reception, receptionist, django_capture_on_commit_callbacks
):
    case = a_case(by=receptionist, department=reception)
    case = change_status(case=case, to=CaseStatus.CLOSED, by=receptionist)
    before = stored_columns(case)

    with django_capture_on_commit_callbacks(execute=True):
        assert anonymise_case(case=case, reason="test")

    case.refresh_from_db()
    assert stored_columns(case) == columns_of_the_case(case) == before


def rounded(value):
    """Floats to 9 decimals: an average summed in another row order differs in the last bit
    (the page shows one decimal)."""
    if dataclasses.is_dataclass(value):
        return rounded(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(item) for item in value]
    return round(value, 9) if isinstance(value, float) else value


def figures_of(page) -> dict:
    """Everything the page shows (the scope says only which rows were read)."""
    return {
        field.name: rounded(getattr(page, field.name))
        for field in dataclasses.fields(page)
        if field.name != "scope"
    }


def both_ways(user, filters) -> tuple[dict, dict]:
    """The page from the stored rows, and from the cases with every figure computed."""
    rebuild_case_figures()
    assert figures_complete()
    stored = statistics_page(user=user, filters=filters, today=TODAY)
    assert stored.scope.figures_stored
    CaseFigures.objects.all().delete()
    ReferralFigures.objects.all().delete()
    forget_figures_complete()
    computed = statistics_page(user=user, filters=filters, today=TODAY)
    assert not computed.scope.figures_stored
    return figures_of(stored), figures_of(computed)


@pytest.mark.parametrize("who", ["coordinator", "lead_miljo", "lead_bygg"])
@pytest.mark.parametrize("narrowed", ["", "department", "case_type", "door"])
def test_the_stored_rows_give_the_same_page_as_the_cases(request, quarter, who, narrowed):
    user = request.getfixturevalue(who)
    case = quarter.cases["C7"]  # the confidential one: led by Bygg
    value = {
        "department": case.lead_department,
        "case_type": case.case_type,
        "door": case.door,
    }.get(narrowed)
    filters = dataclasses.replace(Q1, **({narrowed: value} if narrowed else {}))
    stored, computed = both_ways(user, filters)
    assert stored == computed
    assert stored["totals"]["opened"] > 0


def test_the_same_page_both_ways_on_generated_cases():
    generate(cases=300, seed=7, today=date(2026, 11, 23))
    lead_department = Department.objects.filter(led_cases__confidential=True).order_by("pk").first()
    lead = official(lead_department, Role.AVDELNINGSCHEF)
    coordinator = official(DepartmentFactory(), Role.SAMORDNARE)
    year = StatsFilters(start=date(2026, 1, 1), end=date(2026, 11, 23))
    for user, filters in [
        (coordinator, year),
        (lead, year),
        (lead, dataclasses.replace(year, door=Door.objects.order_by("pk").first())),
    ]:
        stored, computed = both_ways(user, filters)
        assert stored == computed
        assert stored["totals"]["finished"] > 10
        # The NKI from the narrow rows' own department and type (CaseFigures.answer), the
        # same as from the answers' cases.
        assert stored["satisfaction"]["total"]["answers"] > 10
        assert len(stored["satisfaction"]["by_department"]) > 1


def test_figures_complete_is_asked_once_then_remembered(client, quarter, coordinator):
    # The page's count is pinned in tests/stats/test_query_counts.py (28, with the question);
    # once the answer is remembered it is one fewer, and a bulk writer forgets it.
    rebuild_case_figures()
    client.force_login(coordinator)
    url = reverse("stats:index")
    query = {"start": "2026-01-01", "end": "2026-03-31"}
    with CaptureQueriesContext(connection) as asked:
        first = client.get(url, query)
    with CaptureQueriesContext(connection) as remembered:
        second = client.get(url, query)
    assert len(remembered) == len(asked) - 1
    assert not any('U1."case_id" IS NULL' in q["sql"] for q in remembered)
    assert any('U1."case_id" IS NULL' in q["sql"] for q in asked)
    assert first.context["page"].totals == second.context["page"].totals
    assert second.context["page"].scope.figures_stored

    CaseFigures.objects.filter(case=quarter.cases["C1"]).delete()  # a bulk load, say
    forget_figures_complete()
    with CaptureQueriesContext(connection) as asked_again:
        third = client.get(url, query)
    assert len(asked_again) == len(asked)
    assert not third.context["page"].scope.figures_stored
    assert third.context["page"].totals == first.context["page"].totals
