"""Sorting the case list by clicking a column header in a real browser, once and again: the
rows' order, aria-sort on the header, the arrow, and the keyboard reaching the header's link."""

import pytest
from playwright.sync_api import expect

from tests.cases.factories import CaseTypeFactory, CompanyFactory, a_case
from tests.factories import TEST_PASSWORD, DepartmentFactory, official

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_clicking_the_company_header_twice_sorts_one_way_then_the_other(
    page, sign_in, assert_accessible
):
    miljo = DepartmentFactory(name="Miljö- och hälsoskydd", code="miljo")
    anna = official(miljo, full_name="Anna Andersson", email="anna@exempelby.se")
    case_type = CaseTypeFactory(lead_department=miljo)
    names = ["Ödla AB", "alfa AB", "Zeta AB", "Åker AB"]  # Swedish order: alfa, Zeta, Åker, Ödla
    for name in names:
        a_case(by=anna, department=miljo, case_type=case_type, company=CompanyFactory(name=name))
    sign_in("anna@exempelby.se", TEST_PASSWORD)
    page.goto("/arenden/")
    header = page.locator("th[data-sort-column=company]")
    companies = page.locator("[data-testid=case-table] tbody td:nth-of-type(2)")
    expect(header).not_to_have_attribute("aria-sort", "ascending")

    header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect(companies).to_have_text(["alfa AB", "Zeta AB", "Åker AB", "Ödla AB"])
    expect(header).to_contain_text("▲")
    assert_accessible("case list sorted by company")

    header.get_by_role("link").focus()
    page.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(companies).to_have_text(["Ödla AB", "Åker AB", "Zeta AB", "alfa AB"])
    expect(header).to_contain_text("▼")
    assert "sort=-company" in page.url
