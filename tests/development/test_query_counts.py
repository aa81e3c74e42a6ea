"""Each page is built with a fixed number of queries, whatever the amount of data."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from development.services.workshops import create_workshop, invite_business_owner
from development.workflow import IdeaStatus
from tests.cases.factories import CompanyFactory
from tests.factories import official

from .conftest import a_visit, an_idea, an_insight

pytestmark = pytest.mark.django_db

# Session, user and roles come first (3); then each page's own reads.
QUERIES = {
    "visit_list": 7,
    "visit_create": 5,
    "visit_detail": 10,
    "not_visited": 5,
    "visit_edit": 8,
    "insight_list": 8,
    "insight_list_filtered": 10,
    "insight_edit": 12,
    "idea_list": 5,
    "idea_create": 5,
    "idea_detail": 8,
    "workshop_list": 5,
    "workshop_create": 4,
    "workshop_detail": 12,
    "statistics": 10,
    "improvements": 1,
    # The cases company page (7, tests/cases/test_query_counts.py) plus its visits part.
    "company_page": 8,
}


@pytest.fixture
def samordnare_user(naringsliv):
    return official(naringsliv, Role.SAMORDNARE, full_name="Sam Samordnare")


def world(n, by, department, bygg, theme):
    """n visits (each with two insights) to one company, n other companies, n ideas in
    every status, a workshop with n guests and the insights."""
    first = a_visit(by=by, department=department)
    insights = []
    for i in range(n):
        date = timezone.localdate() - datetime.timedelta(days=i + 1)
        visit = a_visit(by=by, department=department, date=date) if i else first
        for text in ("Lokaler", "Kompetens"):
            insights.append(
                an_insight(
                    visit=visit, by=by, theme=theme, departments=[department, bygg], text=text
                )
            )
        CompanyFactory()
    for i in range(n):
        status = list(IdeaStatus)[i % 5]
        an_idea(by=by, department=department, status=status, insights=insights[:3], title=f"I{i}")
    workshop = create_workshop(
        by=by, title="DialogLab", date=timezone.localdate(), insights=insights
    )
    for i in range(n):
        invite_business_owner(workshop=workshop, by=by, name=f"Gäst {i}", email=f"g{i}@f.example")
    an_idea(by=by, department=department, workshop=workshop, insights=insights)
    return {
        "visit": first,
        "insight": insights[0],
        "theme": theme,
        "department": department,
        "workshop": workshop,
        "idea": an_idea(
            by=by, department=department, insights=insights, status=IdeaStatus.REALISED
        ),
    }


def _url(page, w):
    return {
        "visit_list": reverse("development:visit_list"),
        "visit_create": reverse("development:visit_create"),
        "visit_detail": reverse("development:visit_detail", args=[w["visit"].pk]),
        "not_visited": reverse("development:not_visited"),
        "visit_edit": reverse("development:visit_edit", args=[w["visit"].pk]),
        "insight_list": reverse("development:insight_list"),
        "insight_list_filtered": reverse("development:insight_list")
        + f"?theme={w['theme'].pk}&department={w['department'].pk}&has_idea=yes&q=Lok",
        "insight_edit": reverse("development:insight_edit", args=[w["insight"].pk]),
        "idea_list": reverse("development:idea_list"),
        "idea_create": reverse("development:idea_create"),
        "idea_detail": reverse("development:idea_detail", args=[w["idea"].pk]),
        "workshop_list": reverse("development:workshop_list"),
        "workshop_create": reverse("development:workshop_create"),
        "workshop_detail": reverse("development:workshop_detail", args=[w["workshop"].pk]),
        "statistics": reverse("development:statistics"),
        "improvements": reverse("development_public:improvements"),
        "company_page": reverse("cases:company_detail", args=[w["visit"].company_id]),
    }[page]


@pytest.mark.parametrize("n", [2, 12])
@pytest.mark.parametrize("page", sorted(QUERIES))
def test_page_queries_do_not_grow(
    client, samordnare_user, naringsliv, bygg, theme, n, page, django_assert_num_queries
):
    w = world(n, samordnare_user, naringsliv, bygg, theme)
    if page != "improvements":
        client.force_login(samordnare_user)
    url = _url(page, w)
    with django_assert_num_queries(QUERIES[page]):
        response = client.get(url)
    assert response.status_code == 200
