"""Issue 13, defect 7: on a 390 px phone the public header had no menu, so the language switch
and the staff sign-in were hidden and the public pages could not be switched to English."""

import pytest
from playwright.sync_api import expect

from tests.public.factories import PublicCaseTypeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_a_visitor_on_a_phone_switches_the_public_form_to_english_and_finds_staff_sign_in(phone):
    PublicCaseTypeFactory(name="Markupplåtelse / uteservering", code="uteservering")
    phone.goto("/foretag/")
    menu_button = phone.get_by_role("button", name="Visa meny")
    expect(menu_button).to_be_visible()
    expect(phone.get_by_role("button", name="English")).to_be_hidden()

    menu_button.click()
    expect(phone.get_by_role("link", name="Logga in för anställda")).to_be_visible()
    phone.get_by_role("button", name="English").click()

    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Submit a matter to the municipality"
    )
    phone.get_by_role("button", name="Show menu").click()
    expect(phone.get_by_role("button", name="Svenska")).to_be_visible()
