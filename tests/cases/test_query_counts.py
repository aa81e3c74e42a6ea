"""Each page is built with a fixed number of queries, whatever the amount of data."""

import re

import pytest
from django.urls import reverse

from cases.models import IntakeQuestion, QuestionKind
from cases.selectors import COMPANY_PAGE_SIZE, MY_WORK_LIMIT
from cases.services.communication import add_note, send_message_to_business
from cases.services.intake import GivenAnswer, record_intake_answers
from cases.services.referrals import answer_referral, route_case
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory, CompanyFactory, a_case

pytestmark = pytest.mark.django_db

# Session, user and roles (3), then the page: the list adds its status counts (the total is
# taken from them, cases/views/cases.py: _counts), the page of rows and the saved filters
# (their counts' one statement only when there are some: test_saved_filters.py). The five
# drop-downs (departments, case types, doors, coordinator and
# assignee) come from the cache (cases/choices.py, issue 12): no query once it is warm; the
# first request after a change reads their four lists (the officials serve two drop-downs).
LIST_QUERIES = 6
LIST_QUERIES_COLD_CACHE = LIST_QUERIES + 4
# The case page: 14, plus the service guarantees that apply (1,
# cases.guarantees.guarantees_for), the cases of the same matter (1), the standard texts
# offered (1), the edit form's case types and departments (2), and the assign form's
# colleagues and the referrals' department members (2), the answers to the intake questions (1).
DETAIL_QUERIES = 22
MY_WORK_QUERIES = 6
# Issue 13, correcting the intake answers: the case with its type and company (1), its answers
# with their questions (1), the questions its type asks now (1).
ANSWERS_PAGE_QUERIES = 6
# Issue 13, the confirm page of a bulk action on all cases matching the filter: the filter's
# case type checked (1), the count (1), the cases open to the action (1).
BULK_FILTER_CONFIRM_QUERIES = 6
# The company page's parts add theirs (business development: its visits, one query).
COMPANY_QUERIES = 8


@pytest.fixture
def desk(reception, miljo):
    coordinator = official(reception, full_name="Anna Andersson")
    case_type = CaseTypeFactory(lead_department=reception)
    return {"coordinator": coordinator, "case_type": case_type, "department": reception}


def cases_for(desk, n, company=None, **fields):
    return [
        a_case(
            by=desk["coordinator"],
            department=desk["department"],
            case_type=desk["case_type"],
            company=company,
            title=f"Ärende {i}",
            **fields,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [10, 200])
def test_case_list_queries_do_not_grow(client, desk, n, django_assert_num_queries):
    cases_for(desk, n)
    client.force_login(desk["coordinator"])

    with django_assert_num_queries(LIST_QUERIES_COLD_CACHE):
        first = client.get(reverse("cases:list"), {"status": "new"})
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("cases:list"), {"status": "new"})

    assert first.status_code == response.status_code == 200
    assert response.content.decode().count('name="ids"') == min(n, 25)


@pytest.mark.parametrize("n", [10, 200])
def test_my_work_queries_do_not_grow(client, desk, miljo, n, django_assert_num_queries):
    inspector = official(miljo)
    for case in cases_for(desk, n):
        route_case(case=case, department=miljo, by=desk["coordinator"], request_text="Fråga")
    client.force_login(inspector)

    with django_assert_num_queries(MY_WORK_QUERIES):
        response = client.get(reverse("cases:my_work"))
    with django_assert_num_queries(MY_WORK_QUERIES):
        last = client.get(reverse("cases:my_work"), {"incoming": -(-n // MY_WORK_LIMIT)})

    # At most MY_WORK_LIMIT a section; the rest a "show more" further.
    assert response.content.decode().count("<td>Fråga</td>") == min(n, MY_WORK_LIMIT)
    assert ('href="?incoming=2#incoming-heading"' in response.content.decode()) == (n > 20)
    assert last.content.decode().count("<td>Fråga</td>") == n - MY_WORK_LIMIT * (-(-n // 20) - 1)


@pytest.mark.parametrize("n", [10, 200])
def test_company_page_queries_do_not_grow(client, desk, n, django_assert_num_queries):
    company = CompanyFactory()
    cases_for(desk, n, company=company)
    client.force_login(desk["coordinator"])

    with django_assert_num_queries(COMPANY_QUERIES):
        response = client.get(reverse("cases:company_detail", args=[company.pk]))
    html = response.content.decode()
    link = re.search(r'rel="next" href="\?([^"]+)"', html)
    with django_assert_num_queries(COMPANY_QUERIES):
        second = client.get(
            reverse("cases:company_detail", args=[company.pk])
            + "?"
            + (link.group(1).replace("&amp;", "&") if link else "")
        )

    # 25 cases a page, newest first; the counts cover them all.
    assert html.count("Ärende ") == min(n, COMPANY_PAGE_SIZE)
    assert f"Ärende {n - 1}<" in html
    assert f"{n}" in re.search(r'data-testid="company-counts">[^<]*', html).group(0)
    assert (link is not None) == (n > COMPANY_PAGE_SIZE)
    if link:
        assert f"Ärende {n - 1 - COMPANY_PAGE_SIZE}<" in second.content.decode()


# 100, not more: every change of a case recomputes the statistics' rows of all its referrals
# (stats.services.figures.case_changed), so building a case of n referrals through the
# services costs n² (200 took 136 s of CI).
@pytest.mark.parametrize("n", [10, 100])
def test_case_detail_queries_do_not_grow(client, desk, n, django_assert_num_queries):
    (case,) = cases_for(desk, 1)
    coordinator = desk["coordinator"]
    for i in range(n):
        department = DepartmentFactory()
        answerer = official(department)
        referral = route_case(case=case, department=department, by=coordinator, request_text="F")
        if i % 2:  # half answered, half still open (with their action forms)
            answer_referral(referral=referral, by=answerer, answer_text=f"Svar {i}")
        add_note(case=case, by=coordinator, body=f"Anteckning {i}")
    for i in range(min(n, 20)):
        send_message_to_business(case=case, by=coordinator, body=f"Meddelande {i}")
    client.force_login(coordinator)

    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(reverse("cases:detail", args=[case.pk]))

    assert f"Anteckning {n - 1}" in response.content.decode()


@pytest.mark.parametrize("n", [2, 12])
def test_intake_answers_page_queries_do_not_grow(client, desk, n, django_assert_num_queries):
    asked = [
        IntakeQuestion.objects.create(
            case_type=desk["case_type"], label_sv=f"Fråga {i}", kind=QuestionKind.SHORT_TEXT
        )
        for i in range(n)
    ]
    (case,) = cases_for(desk, 1)
    record_intake_answers(case=case, answers=[GivenAnswer(question=q, value="Svar") for q in asked])
    asked[0].is_active = False  # retired: shown read-only
    asked[0].save()
    client.force_login(desk["coordinator"])

    with django_assert_num_queries(ANSWERS_PAGE_QUERIES):
        response = client.get(reverse("cases:intake_answers", args=[case.pk]))

    assert response.content.decode().count('value="Svar"') == n - 1


@pytest.mark.parametrize("n", [2, 12])
def test_bulk_filter_confirm_page_queries_do_not_grow(client, desk, n, django_assert_num_queries):
    cases_for(desk, n)
    client.force_login(desk["coordinator"])
    data = {"action": "status", "scope": "filter", "back": f"case_type={desk['case_type'].pk}"}

    with django_assert_num_queries(BULK_FILTER_CONFIRM_QUERIES):
        response = client.post(reverse("cases:bulk"), data)

    assert len(re.findall(r'href="/arenden/\d+/"', response.content.decode())) == n
