"""Issue 13's everyday features in a real browser: the header search and the start page's
counts, a question to an outside party answered through its private link, and a file sent
to the business that it downloads from its tracking page.

Texts added in this branch are not translated yet (the integrator fills the Swedish), so
their controls are found by test id or field name; translated ones by their Swedish text.
"""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from notifications.models import OutboxMessage
from tests.cases.factories import CaseTypeFactory, CompanyFactory, a_case
from tests.factories import TEST_PASSWORD, DepartmentFactory, official

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def street(db):
    teknik = DepartmentFactory(name="Teknik och gata", code="teknik")
    david = official(teknik, Role.LOTS, full_name="David Persson", email="david@exempelby.se")
    case_type = CaseTypeFactory(name="Markupplåtelse", code="mark", lead_department=teknik)
    company = CompanyFactory(name="Kafé Linden AB", org_number="556677-8899")
    case = a_case(
        by=david,
        department=teknik,
        case_type=case_type,
        company=company,
        title="Uteservering på torget",
    )
    return {"david": david, "case": case}


def test_header_search_and_a_question_to_the_police_answered_by_link(
    page, browser, live_server, sign_in, street
):
    case = street["case"]
    sign_in("david@exempelby.se", TEST_PASSWORD)
    expect(page.get_by_test_id("tile-waiting")).to_contain_text("1")

    # The header search: a company name lists the case, the full number opens it.
    search = page.get_by_test_id("header-search")
    search.get_by_role("searchbox").fill("Linden")
    search.get_by_role("button", name="Sök").click()
    expect(page.get_by_test_id("search-cases")).to_contain_text(case.number)
    search = page.get_by_test_id("header-search")
    search.get_by_role("searchbox").fill(case.number)
    search.get_by_role("button", name="Sök").click()
    expect(page).to_have_url(f"{live_server.url}/arenden/{case.pk}/")

    # Ask Polisen from the case page.
    page.get_by_test_id("outside-party-link").get_by_role("link").click()
    page.locator("[name=outside-party]").fill("Polisen")
    page.locator("[name=outside-email]").fill("tillstand@polisen.example")
    page.locator("[name=outside-question]").fill("Har ni invändningar mot uteserveringen?")
    page.locator("form[aria-labelledby=ask-heading] button[type=submit]").click()
    expect(page.get_by_test_id("outside-questions")).to_contain_text("Polisen")

    # Polisen opens its link (no account), answers with a file.
    url = OutboxMessage.objects.get(template="public/email/outside_question").context["answer_url"]
    party = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    party.goto(url[url.index("/foretag/") :])
    expect(party.get_by_test_id("outside-question")).to_have_text(
        "Har ni invändningar mot uteserveringen?"
    )
    party.locator("[name=answer]").fill("Inga invändningar från Polisen.")
    party.locator("[name=file]").set_input_files(
        {"name": "yttrande.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    party.locator("main form button[type=submit]").click()
    expect(party.get_by_test_id("outside-closed")).to_have_attribute("data-state", "answered")
    party.reload()  # the same link again: kindly told it is answered, no form
    expect(party.locator("[name=answer]")).to_have_count(0)
    party.context.close()

    # The answer is on the case's timeline.
    page.goto(f"/arenden/{case.pk}/")
    expect(page.get_by_test_id("outside-answer")).to_have_text("Inga invändningar från Polisen.")
    expect(page.get_by_role("link", name="yttrande.pdf").first).to_be_visible()


def test_the_business_downloads_the_file_sent_with_a_message(
    page, browser, live_server, sign_in, street
):
    from public.tokens import issue_tracking_token

    case = street["case"]
    sign_in("david@exempelby.se", TEST_PASSWORD)
    page.goto(f"/arenden/{case.pk}/")
    page.get_by_label("Meddelande till företaget").fill("Här är ritningsmallen.")
    page.locator("[name=message-file]").set_input_files(
        {"name": "mall.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Skicka till företaget").click()
    expect(page.get_by_test_id("sent-to-business")).to_be_visible()

    business = browser.new_context(
        base_url=live_server.url, locale="sv-SE", accept_downloads=True
    ).new_page()
    business.goto(f"/foretag/arende/{issue_tracking_token(case)}/")
    link = business.get_by_test_id("files-to-business").get_by_role("link")
    expect(link).to_contain_text("mall.pdf")
    with business.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "mall.pdf"
    assert open(download.value.path(), "rb").read() == PDF
    business.context.close()
