"""The case list's "select all on this page" in a real browser (the script under the
Content-Security-Policy): every row is ticked, and the bulk action gets them all."""

import pytest
from playwright.sync_api import expect

from tests.cases.factories import CaseTypeFactory, a_case
from tests.factories import TEST_PASSWORD, DepartmentFactory, official

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_select_all_on_this_page_ticks_every_row(page, sign_in):
    miljo = DepartmentFactory(name="Miljö- och hälsoskydd", code="miljo")
    anna = official(miljo, full_name="Anna Andersson", email="anna@exempelby.se")
    case_type = CaseTypeFactory(lead_department=miljo)
    cases = [a_case(by=anna, department=miljo, case_type=case_type) for _ in range(3)]
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    sign_in("anna@exempelby.se", TEST_PASSWORD)

    page.goto("/arenden/")
    rows = page.locator("[data-testid=bulk-form] [data-bulk-pick]")
    expect(rows).to_have_count(3)
    page.locator("[data-bulk-pick-all]").check()
    for i in range(3):
        expect(rows.nth(i)).to_be_checked()
    rows.nth(0).uncheck()
    expect(page.locator("[data-bulk-pick-all]")).not_to_be_checked()
    page.locator("[data-bulk-pick-all]").check()
    page.locator("button[name=action][value=assign]").click()

    ticked = page.locator("[data-testid=bulk-confirm] [data-bulk-pick]:checked")
    expect(ticked).to_have_count(3)
    assert sorted(int(ticked.nth(i).get_attribute("value")) for i in range(3)) == sorted(
        c.pk for c in cases
    )
    assert problems == []


def test_choose_all_matching_the_filter_after_all_on_this_page(page, sign_in, monkeypatch):
    """Issue 13: Gmail's "All 2 on this page are chosen. Choose all 5 cases matching the filter"."""
    monkeypatch.setattr("cases.views.cases.PAGE_SIZE", 2)
    miljo = DepartmentFactory(name="Miljö- och hälsoskydd", code="miljo")
    anna = official(miljo, full_name="Anna Andersson", email="anna@exempelby.se")
    case_type = CaseTypeFactory(lead_department=miljo)
    cases = [a_case(by=anna, department=miljo, case_type=case_type) for _ in range(5)]
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    sign_in("anna@exempelby.se", TEST_PASSWORD)

    page.goto(f"/arenden/?case_type={case_type.pk}")
    offer = page.locator("[data-bulk-offer]")
    chosen = page.locator("[data-bulk-chosen]")
    expect(page.locator("[data-bulk-scope-plain]")).to_be_hidden()
    expect(offer).to_be_hidden()
    page.locator("[data-bulk-pick-all]").check()
    expect(offer).to_be_visible()
    page.locator("[data-bulk-choose-matching]").click()
    expect(chosen).to_be_visible()
    expect(offer).to_be_hidden()
    expect(page.locator("[data-bulk-scope]")).to_be_checked()
    # Unticking a row undoes the choice; choose again.
    page.locator("[data-testid=bulk-form] [data-bulk-pick]").nth(0).uncheck()
    expect(chosen).to_be_hidden()
    expect(page.locator("[data-bulk-scope]")).not_to_be_checked()
    page.locator("[data-bulk-pick-all]").check()
    page.locator("[data-bulk-choose-matching]").click()
    page.locator("button[name=action][value=status]").click()

    expect(page.locator("[data-testid=bulk-filter-total]")).to_contain_text("5")
    expect(
        page.locator("[data-testid=bulk-confirm] [data-testid=case-table] tbody tr")
    ).to_have_count(5)
    page.locator("select[name=bulk-to]").select_option("open")
    page.locator("[data-testid=bulk-confirm] button[type=submit]").click()

    page.wait_for_url(f"**/arenden/?case_type={case_type.pk}")
    for case in cases:
        case.refresh_from_db()
        assert case.status == "open"
    assert problems == []
