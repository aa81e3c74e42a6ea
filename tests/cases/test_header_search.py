"""The header search on every staff page, and the counts on the start page's tiles."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from cases.services.referrals import route_case
from lotsportal import search as search_registry
from lotsportal.search import (
    ProviderAnswer,
    SearchHit,
    SearchProvider,
    register_search_provider,
    search_providers,
)
from tests.factories import UserFactory, official

from .factories import CaseTypeFactory, CompanyFactory, a_case

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def desk(receptionist, reception, miljo):
    case_type = CaseTypeFactory(lead_department=reception)
    cafe = CompanyFactory(name="Kafé Linden AB", org_number="556677-8899")
    bakery = CompanyFactory(name="Bageriet i Hamnen AB", org_number="559900-1122")
    cafe_case = a_case(
        by=receptionist,
        department=reception,
        case_type=case_type,
        company=cafe,
        title="Uteservering",
    )
    bakery_case = a_case(
        by=receptionist, department=reception, case_type=case_type, company=bakery, title="Skylt"
    )
    return {"cafe": cafe_case, "bakery": bakery_case, "case_type": case_type}


def test_every_staff_page_has_the_header_search(client, receptionist, desk):
    client.force_login(receptionist)
    for url in (
        reverse("home"),
        reverse("cases:list"),
        reverse("cases:detail", args=[desk["cafe"].pk]),
    ):
        page = client.get(url).content.decode()
        assert 'data-testid="header-search"' in page
        assert '<button type="submit" class="btn btn-sm btn-light">Sök</button>' in page
        assert 'for="header-search-q"' in page


def test_a_visitor_sees_no_header_search(client):
    assert 'data-testid="header-search"' not in client.get(reverse("home")).content.decode()


def test_an_exact_case_number_goes_straight_to_the_case(client, receptionist, desk):
    client.force_login(receptionist)
    number = desk["bakery"].number

    response = client.get(reverse("search"), {"q": f"  {number.lower()} "})

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[desk["bakery"].pk])


@pytest.mark.parametrize("text", ["Linden", "556677-8899", "5566778899"])
def test_the_search_finds_a_case_by_company_name_or_org_number(client, receptionist, desk, text):
    client.force_login(receptionist)
    english(client)
    page = client.get(reverse("search"), {"q": text})
    html = page.content.decode()
    assert page.status_code == 200
    assert desk["cafe"].number in html
    assert "Kafé Linden AB" in html
    assert desk["bakery"].number not in html
    assert "Show all in the list" in html
    assert reverse("cases:detail", args=[desk["cafe"].pk]) in html


def test_the_search_says_so_when_nothing_is_found(client, receptionist, desk):
    client.force_login(receptionist)
    english(client)
    page = client.get(reverse("search"), {"q": "Zyxwvut"})
    assert 'data-testid="search-nothing"' in page.content.decode()


def test_the_search_never_shows_a_confidential_case_to_a_stranger(
    client, receptionist, reception, desk, department
):
    secret = a_case(
        by=receptionist,
        department=reception,
        case_type=desk["case_type"],
        company=CompanyFactory(name="Hemliga Huset AB"),
        confidential=True,
    )
    stranger = official(department)
    client.force_login(stranger)

    html = client.get(reverse("search"), {"q": "Hemliga"}).content.decode()
    assert "Hemliga Huset AB" not in html
    assert secret.number not in html
    assert 'data-testid="search-nothing"' in html
    # Not even the straight jump by number.
    assert client.get(reverse("search"), {"q": secret.number}).status_code == 200


def test_another_app_can_register_its_own_provider(client, receptionist, desk, monkeypatch):
    monkeypatch.setattr(search_registry, "_providers", dict(search_registry._providers))
    register_search_provider(
        SearchProvider(
            key="articles",
            label="Lotsbanken",
            find=lambda user, text, limit: ProviderAnswer(
                hits=[SearchHit(title=f"Artikel om {text}", url="/lotsbanken/1/")]
            ),
            order=20,
        )
    )
    assert [p.key for p in search_providers()][:2] == ["cases", "articles"]
    client.force_login(receptionist)

    html = client.get(reverse("search"), {"q": "Linden"}).content.decode()

    assert "Artikel om Linden" in html
    assert html.index(desk["cafe"].number) < html.index("Artikel om Linden")


def _tile(html: str, key: str) -> str:
    start = html.rindex("<a ", 0, html.index(f'data-testid="tile-{key}"'))
    return html[start : html.index("</a>", start)]


def test_the_start_page_counts_referrals_overdue_and_waiting_cases(
    client, receptionist, reception, inspector, miljo, desk
):
    overdue = desk["cafe"]
    Case.objects.filter(pk=overdue.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    route_case(case=desk["bakery"], department=miljo, by=receptionist, request_text="Tillstånd?")

    client.force_login(receptionist)
    english(client)
    html = client.get(reverse("home")).content.decode()
    assert ">1<" in _tile(html, "overdue").replace(" ", "")
    assert "My overdue cases" in _tile(html, "overdue")
    assert ">2<" in _tile(html, "waiting").replace(" ", "")
    assert ">0<" in _tile(html, "new_referrals").replace(" ", "")

    client.force_login(inspector)
    html = client.get(reverse("home")).content.decode()
    assert ">1<" in _tile(html, "new_referrals").replace(" ", "")
    assert "New referrals to my department" in _tile(html, "new_referrals")
    # The overdue tile leads to the list filtered on the user's overdue cases.
    client.force_login(receptionist)
    html = client.get(reverse("home")).content.decode()
    link = _tile(html, "overdue").split('href="')[1].split('"')[0].replace("&amp;", "&")
    listed = client.get(link).content.decode()
    assert overdue.number in listed
    assert desk["bakery"].number not in listed


def test_a_tile_above_the_cap_says_so(client, receptionist, reception, desk, monkeypatch):
    monkeypatch.setattr("cases.portal.TILE_CAP", 1)
    client.force_login(receptionist)

    html = client.get(reverse("home")).content.decode()

    assert ">1+<" in _tile(html, "waiting").replace(" ", "")  # two cases wait, the cap is 1


def test_a_user_without_a_department_gets_no_tiles(client):
    client.force_login(UserFactory())
    assert 'data-testid="count-tiles"' not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("n", [3, 40])
def test_start_page_and_search_queries_do_not_grow(
    client, receptionist, reception, desk, n, django_assert_num_queries
):
    for i in range(n):
        a_case(
            by=receptionist,
            department=reception,
            case_type=desk["case_type"],
            company=CompanyFactory(name=f"Linden {i} AB"),
        )
    client.force_login(receptionist)
    client.get(reverse("home"))
    # Session, user, roles; memberships; the saved filters ("Mina filter", none here); the one
    # statement of the three tile counts.
    with django_assert_num_queries(6):
        assert client.get(reverse("home")).status_code == 200
    # Session, user, roles; the exact-number lookup; the page of hits (with their companies).
    # Five, and one more for the knowledge bank's articles (its provider's one query).
    with django_assert_num_queries(6):
        assert client.get(reverse("search"), {"q": "Linden"}).status_code == 200
