"""An official inserts a standard text in a message in a real browser (the script under the
Content-Security-Policy), adds a line of her own and sends it; the business's message shows it."""

import pytest
from playwright.sync_api import expect

from cases.models import StandardText, TextUse
from tests.cases.factories import CaseTypeFactory, a_case
from tests.factories import TEST_PASSWORD, DepartmentFactory, official

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_chosen_text_goes_in_at_the_cursor_without_a_reload(page, sign_in):
    miljo = DepartmentFactory(name="Miljö- och hälsoskydd", code="miljo")
    anna = official(miljo, full_name="Anna Andersson", email="anna@exempelby.se")
    case_type = CaseTypeFactory(name="Livsmedelsregistrering", lead_department=miljo)
    case = a_case(by=anna, department=miljo, case_type=case_type)
    StandardText.objects.create(
        title="Komplettering",
        body_sv="Hej {contact}! Vi behöver en planritning till ärende {case_number}.",
        body_en="Hello {contact}! We need a floor plan for case {case_number}.",
        use=TextUse.MESSAGE,
    )
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    sign_in("anna@exempelby.se", TEST_PASSWORD)

    page.goto(f"/arenden/{case.pk}/")
    body = page.locator("#id_message-body")
    body.fill("Tack för samtalet i dag.")
    page.locator("#message-standard-lang").select_option("en")
    url_before = page.url
    page.locator("[data-insert-standard-text][value=message]").click()

    expected = f"Hello {case.contact.name}! We need a floor plan for case {case.number}."
    expect(body).to_have_value(f"Tack för samtalet i dag.\n\n{expected}")
    assert page.url == url_before  # inserted in place: no round trip
    page.get_by_role("button", name="Skicka till företaget").click()
    expect(page.get_by_text(expected).first).to_be_visible()
    assert case.messages.get().body.endswith(expected)
    assert problems == []
