"""The case list fits a laptop screen: an official at 1366×768 reads every row without
scrolling sideways, and the table stays an accessible table."""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from cases.services.cases import change_coordinator, change_status
from cases.workflow import CaseStatus
from tests.cases.factories import CaseTypeFactory, CompanyFactory, a_case
from tests.factories import TEST_PASSWORD, DepartmentFactory, official

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}

# Real names are long: these are the widest the demo municipality has.
DEPARTMENTS = [
    "Samhällsbyggnadsförvaltningen, miljö- och hälsoskyddsenheten",
    "Kontaktcenter och reception",
]
CASE_TYPES = [
    "Markupplåtelse / uteservering på allmän platsmark",
    "Livsmedelsregistrering och riskklassning",
    "Bygglov för ändrad användning av lokal",
]
COMPANIES = [
    "Restaurang Gyllene Hjortens Kafé och Konditori Aktiebolag",
    "Nordöstra Smålands Fastighetsförvaltning och Byggservice AB",
    "Kim Karlsson Enskild Firma",
]


@pytest.fixture
def twenty_cases():
    miljo = DepartmentFactory(name=DEPARTMENTS[0], code="miljo")
    reception = DepartmentFactory(name=DEPARTMENTS[1], code="kontaktcenter")
    anna = official(
        reception,
        Role.SAMORDNARE,
        full_name="Anna-Karin Andersson-Lindqvist",
        email="anna@exempelby.se",
    )
    ali = official(miljo, Role.LOTS, full_name="Mohammed Ali Karimi Johansson")
    case_types = [
        CaseTypeFactory(name=name, code=f"typ{i}", lead_department=miljo)
        for i, name in enumerate(CASE_TYPES)
    ]
    companies = [CompanyFactory(name=name) for name in COMPANIES]
    cases = []
    for n in range(20):
        case = a_case(
            by=anna,
            department=reception,
            case_type=case_types[n % 3],
            company=companies[n % 3],
            title=(
                "Vill öppna ett kafé med uteservering och försäljning av hembakat bröd "
                f"vid torget nummer {n}"
            ),
            confidential=n == 4,
        )
        if n % 4 == 1:
            change_status(case=case, by=anna, to=CaseStatus.WAITING, comment="Väntar på ritning.")
        if n % 5 == 2:
            change_coordinator(case=case, by=anna, coordinator=ali)
        cases.append(case)
    return cases


def test_the_case_list_fits_a_laptop_screen_without_scrolling_sideways(
    page, sign_in, assert_accessible, twenty_cases
):
    page.set_viewport_size(LAPTOP)
    sign_in("anna@exempelby.se", TEST_PASSWORD)
    page.goto("/arenden/")

    table = page.get_by_test_id("case-table")
    expect(table.locator("tbody tr")).to_have_count(20)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"),
        page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
            " > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + '#'"
            " + e.id + ' ' + Math.round(e.getBoundingClientRect().right))"
        ),
    )
    scroller = page.locator(".table-responsive").filter(has=table)
    widths = scroller.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] <= widths[1], f"the table scrolls sideways: {widths}"

    # Every piece of information is still in the table, under its column's heading.
    first = twenty_cases[0]
    number = page.get_by_role("link", name=first.number, exact=True)
    row = table.locator("tbody tr").filter(has=number)
    for text in (
        first.title,
        COMPANIES[0],
        CASE_TYPES[0],
        DEPARTMENTS[0],
        "Anna-Karin Andersson-Lindqvist",
        first.due_date.isoformat(),
    ):
        expect(row).to_contain_text(text)
    assert table.locator("caption").count() == 1
    assert table.locator("thead th[scope=col]").count() >= 5
    assert table.locator("tbody th[scope=row]").count() == 20
    assert_accessible("the case list at 1366×768")
