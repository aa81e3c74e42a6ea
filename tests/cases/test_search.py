"""Search: Swedish full text on PostgreSQL, a plain contains-search elsewhere (SQLite)."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from accounts.models import User
from cases import selectors
from cases.models import Case
from cases.services.companies import update_company

from .factories import CaseTypeFactory, CompanyFactory, a_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(receptionist, reception):
    return {
        "pizza": a_case(
            by=receptionist,
            department=reception,
            title="Pizzeria söker uteserveringar",
            description="Tolv bord.",
            company=CompanyFactory(name="Napoli AB"),
        ),
        "garage": a_case(
            by=receptionist,
            department=reception,
            title="Bilverkstad",
            description="Ny lackeringsbox.",
            company=CompanyFactory(name="Motorhuset AB"),
        ),
    }


def titles(queryset):
    return set(queryset.values_list("title", flat=True))


def test_full_text_search_stems_swedish_words_and_finds_numbers_and_companies(cases):
    everything = Case.objects.all()

    assert titles(selectors.search_cases(everything, "uteservering")) == {
        "Pizzeria söker uteserveringar"
    }
    assert titles(selectors.search_cases(everything, "motorhuset")) == {"Bilverkstad"}
    assert titles(selectors.search_cases(everything, cases["garage"].number)) == {"Bilverkstad"}
    assert titles(selectors.search_cases(everything, "lackeringsbox -pizzeria")) == {"Bilverkstad"}


def test_the_fallback_without_postgresql_searches_with_contains(cases, monkeypatch):
    monkeypatch.setattr(selectors.lists, "connection", SimpleNamespace(vendor="sqlite"))
    everything = Case.objects.all()

    assert titles(selectors.search_cases(everything, "UTESERVERING")) == {
        "Pizzeria söker uteserveringar"
    }
    assert titles(selectors.search_cases(everything, "napoli")) == {"Pizzeria söker uteserveringar"}
    assert titles(selectors.search_cases(everything, "lackering")) == {"Bilverkstad"}


@pytest.fixture
def more_cases(receptionist, reception):
    bygglov = CaseTypeFactory(name="Bygglov", code="bygglov", lead_department=reception)
    return {
        "ute": a_case(by=receptionist, department=reception, title="Uteservering vid torget"),
        "tillstand": a_case(
            by=receptionist, department=reception, title="Serveringstillstånd för puben"
        ),
        "tillbyggnad": a_case(
            by=receptionist,
            department=reception,
            title="Tillbyggnad av lagret",
            description="En ny hall.",
            case_type=bygglov,
            company=CompanyFactory(name="Lagerbolaget AB", org_number="556036-0793"),
        ),
    }


def test_compound_words_and_prefixes_are_found(more_cases):
    everything = Case.objects.all()

    assert titles(selectors.search_cases(everything, "servering")) == {
        "Uteservering vid torget",
        "Serveringstillstånd för puben",
    }
    assert titles(selectors.search_cases(everything, "Serveringstill")) == {
        "Serveringstillstånd för puben"
    }


def test_the_case_type_org_number_and_number_are_searchable(more_cases):
    everything = Case.objects.all()
    number = more_cases["tillbyggnad"].number

    assert titles(selectors.search_cases(everything, "bygglov")) == {"Tillbyggnad av lagret"}
    assert titles(selectors.search_cases(everything, "556036-0793")) == {"Tillbyggnad av lagret"}
    assert titles(selectors.search_cases(everything, "5560360793")) == {"Tillbyggnad av lagret"}
    assert titles(selectors.search_cases(everything, number.lower())) == {"Tillbyggnad av lagret"}


def test_a_renamed_company_is_found_by_its_new_name(more_cases, receptionist):
    company = more_cases["tillbyggnad"].company

    update_company(company=company, by=receptionist, name="Hallgrossisten AB")

    everything = Case.objects.all()
    assert titles(selectors.search_cases(everything, "hallgross")) == {"Tillbyggnad av lagret"}
    assert not selectors.search_cases(everything, "lagerbolaget").exists()


def test_a_case_type_renamed_in_admin_is_found_by_its_new_name(more_cases, client):
    admin = User.objects.create_superuser(email="admin@example.com", password="x")  # noqa: S106
    client.force_login(admin)
    case_type = more_cases["tillbyggnad"].case_type
    url = reverse("admin:cases_casetype_change", args=[case_type.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is True:
            data[name] = "on"
        elif value is not None and value is not False:
            data[name] = value
    data["name"] = "Lov för byggnad"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    everything = Case.objects.all()
    assert titles(selectors.search_cases(everything, "byggnad")) >= {"Tillbyggnad av lagret"}
    assert titles(selectors.search_cases(everything, "lov för")) == {"Tillbyggnad av lagret"}


def test_the_case_list_finds_a_compound_for_the_user(more_cases, client, receptionist):
    client.force_login(receptionist)

    html = client.get(reverse("cases:list"), {"q": "servering"}).content.decode()

    assert "Uteservering vid torget" in html
    assert "Serveringstillstånd för puben" in html
    assert "Tillbyggnad av lagret" not in html
