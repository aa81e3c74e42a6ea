"""Company visits as an official uses them: plan, register as held with insights, open a case
from an insight, see the visits on the company page, the goal and the companies not visited."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Company
from development.models import Visit, VisitGoal
from tests.cases.factories import CaseTypeFactory, CompanyFactory

from .conftest import ORG, a_visit, an_insight

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_an_official_plans_a_visit_registers_it_held_and_adds_insights(
    english, visitor, colleague, naringsliv, bygg, theme
):
    client = english
    client.force_login(visitor)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = client.post(
        reverse("development:visit_create"),
        {
            "org_number": "5560360793",
            "company_name": "Kafé Torget AB",
            "department": naringsliv.pk,
            "date": yesterday.isoformat(),
            "purpose": "Lära känna företaget",
            "participants": [visitor.pk, colleague.pk],
            "guests": "Kommunalråd Eva Ek\n",
            "contact_name": "Kim Företagare",
            "contact_email": "kim@torget.example",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Kafé Torget AB" in page and "Kommunalråd Eva Ek" in page
    assert "Planned" in page and "Kalle Kollega" in page
    visit = Visit.objects.get()
    assert visit.company.org_number == ORG  # registered through the cases company service
    assert Company.objects.get().contacts.get().email == "kim@torget.example"

    client.post(reverse("development:visit_held", args=[visit.pk]), {"notes": "Ägaren vill växa"})
    response = client.post(
        reverse("development:insight_add", args=[visit.pk]),
        {
            "kind": "need",
            "theme": theme.pk,
            "text": "Behöver större lokal inom ett år",
            "departments": [naringsliv.pk, bygg.pk],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Held" in page
    assert "Behöver större lokal inom ett år" in page
    assert "Samhällsbyggnad" in page
    assert "Ägaren vill växa" in page
    assert [e.kind for e in visit.events.all()] == ["visit_planned", "visit_held", "insight_added"]


def test_a_bad_number_is_refused_and_the_form_keeps_what_was_typed(client, visitor, naringsliv):
    client.force_login(visitor)
    response = client.post(
        reverse("development:visit_create"),
        {
            "org_number": "556036-0794",
            "company_name": "Fel AB",
            "department": naringsliv.pk,
            "date": "2026-01-10",
            "purpose": "Besök",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Fel AB" in page and "556036-0794" in page
    assert Visit.objects.count() == 0


def test_a_new_company_needs_a_name(client, visitor, naringsliv):
    client.force_login(visitor)
    response = client.post(
        reverse("development:visit_create"),
        {"org_number": ORG, "department": naringsliv.pk, "date": "2026-01-10", "purpose": "x"},
    )
    assert response.status_code == 400
    assert Visit.objects.count() == 0


def test_a_planned_visit_in_the_future_cannot_be_held(english, visitor, naringsliv):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    visit = a_visit(by=visitor, department=naringsliv, held=False, date=tomorrow)
    english.force_login(visitor)
    response = english.post(reverse("development:visit_held", args=[visit.pk]), {"notes": ""})
    assert response.status_code == 400
    assert "cannot be registered as held" in response.content.decode()


def test_notes_are_confidential_but_insights_are_for_every_official(
    client, visitor, stranger, naringsliv, theme
):
    visit = a_visit(by=visitor, department=naringsliv, held=False)
    from development.services.visits import register_visit_held

    register_visit_held(visit=visit, by=visitor, notes="Ekonomin är ansträngd")
    an_insight(visit=visit, by=visitor, theme=theme, departments=[naringsliv])
    client.force_login(stranger)
    page = client.get(reverse("development:visit_detail", args=[visit.pk])).content.decode()
    assert "Svårt att hitta lokaler att växa i" in page
    assert "Ekonomin är ansträngd" not in page
    response = client.post(
        reverse("development:insight_add", args=[visit.pk]),
        {"kind": "need", "theme": theme.pk, "text": "Främlingens", "departments": [naringsliv.pk]},
    )
    assert response.status_code == 400
    assert visit.insights.count() == 1


def test_an_official_opens_a_case_from_an_insight_at_the_visit_door(
    english, visitor, naringsliv, theme
):
    visit = a_visit(by=visitor, department=naringsliv, contact_email="kim@torget.example")
    insight = an_insight(visit=visit, by=visitor, theme=theme, departments=[naringsliv])
    case_type = CaseTypeFactory(lead_department=naringsliv, name="Etablering / lokal")
    english.force_login(visitor)

    response = english.post(
        reverse("development:insight_open_case", args=[insight.pk]),
        {"case_type": case_type.pk, "department": naringsliv.pk, "title": ""},
        follow=True,
    )

    case = Case.objects.get()
    assert case.door.code == "company_visit" and case.door.name == "Företagsbesök"
    assert case.company_id == visit.company_id and case.contact.email == "kim@torget.example"
    page = response.content.decode()
    assert "Opened from an insight of the company visit of" in page
    assert reverse("development:visit_detail", args=[visit.pk]) in page
    visit_page = english.get(reverse("development:visit_detail", args=[visit.pk])).content
    assert case.number in visit_page.decode()
    again = english.post(
        reverse("development:insight_open_case", args=[insight.pk]),
        {"case_type": case_type.pk, "department": naringsliv.pk},
    )
    assert again.status_code == 400 and Case.objects.count() == 1


def test_the_company_page_shows_its_visits(english, visitor, naringsliv, theme):
    visit = a_visit(by=visitor, department=naringsliv)
    an_insight(visit=visit, by=visitor, theme=theme, departments=[naringsliv])
    english.force_login(visitor)
    page = english.get(reverse("cases:company_detail", args=[visit.company_id])).content.decode()
    assert reverse("development:visit_detail", args=[visit.pk]) in page
    assert "1 insight" in page


def test_the_visit_list_shows_progress_against_the_yearly_goal(english, visitor, naringsliv):
    VisitGoal.objects.create(year=timezone.localdate().year, visits=4)
    a_visit(by=visitor, department=naringsliv)
    english.force_login(visitor)
    page = english.get(reverse("development:visit_list")).content.decode()
    assert "1 of 4 visits held (25 %)." in page


def test_companies_not_visited_for_n_months_filtered_by_industry_and_area(
    english, visitor, naringsliv
):
    a_visit(by=visitor, department=naringsliv)  # Kafé Torget AB, visited yesterday
    long_ago = timezone.localdate() - datetime.timedelta(days=500)
    old = CompanyFactory(name="Gamla Snickeriet AB", industry="Snickeri", city="Norrby")
    a_visit(by=visitor, department=naringsliv, org=old.org_number, date=long_ago)
    CompanyFactory(name="Aldrig Besökt AB", industry="Snickeri", city="Söderby")
    CompanyFactory(name="Restaurang Ny AB", industry="Restaurang", city="Norrby")
    english.force_login(visitor)

    page = english.get(reverse("development:not_visited"), {"months": 12}).content.decode()
    assert "Gamla Snickeriet AB" in page and "Aldrig Besökt AB" in page
    assert "Kafé Torget AB" not in page
    page = english.get(
        reverse("development:not_visited"), {"months": 12, "industry": "snick", "area": "Norrby"}
    ).content.decode()
    assert "Gamla Snickeriet AB" in page
    assert "Aldrig Besökt AB" not in page and "Restaurang Ny AB" not in page


@pytest.mark.parametrize(
    ("language", "words"),
    # Swedish: only words already in locale/sv (the new ones come with development.json).
    [("sv", ['lang="sv"', "Ärenden", "Företag"]), ("en", ['lang="en"', "Company visits", "Cases"])],
)
def test_the_pages_speak_swedish_by_default_and_english_on_request(
    client, visitor, naringsliv, language, words
):
    a_visit(by=visitor, department=naringsliv)
    if language == "en":
        client.cookies["django_language"] = "en"
    client.force_login(visitor)
    for name in ("visit_list", "workshop_list", "idea_list", "not_visited"):
        page = client.get(reverse(f"development:{name}")).content.decode()
        for word in words:
            assert word in page, (name, word)
