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
