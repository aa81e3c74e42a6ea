"""The LOTS journey in a real browser.

An official at the reception opens a case for a company and routes it to Miljö- och
hälsoskydd; a member there takes it on and answers; the coordinator closes the case. Every
step shows on the case's timeline.
"""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from tests.cases.factories import CaseTypeFactory, door
from tests.factories import TEST_PASSWORD, DepartmentFactory, official

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()


def timeline(page):
    return page.get_by_test_id("timeline")


def test_reception_opens_routes_miljo_answers_coordinator_closes(page, sign_in):
    reception = DepartmentFactory(name="Kontaktcenter och reception", code="kontaktcenter")
    miljo = DepartmentFactory(name="Miljö- och hälsoskydd", code="miljo")
    official(reception, Role.LOTS, full_name="Anna Andersson", email="anna@exempelby.se")
    official(miljo, Role.LOTS, full_name="Ali Karimi", email="ali@exempelby.se")
    CaseTypeFactory(name="Livsmedelsregistrering", code="livsmedel", lead_department=miljo)
    door("reception")

    # 1. Anna at the reception opens a case for a company that is not yet in the register.
    sign_in("anna@exempelby.se", TEST_PASSWORD)
    menu = page.get_by_role("navigation", name="Huvudmeny")
    menu.get_by_role("link", name="Ärenden", exact=True).click()
    page.get_by_role("link", name="Öppna ärende").click()
    page.get_by_label("Sök företaget på organisationsnummer eller namn").fill("Solrosen")
    page.get_by_role("main").get_by_role("button", name="Sök").click()  # not the header's
    expect(page.get_by_text("Inget företag matchar ”Solrosen”")).to_be_visible()
    page.get_by_label("Organisationsnummer", exact=True).fill("556036-0793")
    page.get_by_label("Företagets namn").fill("Kafé Solrosen AB")
    page.get_by_label("Kontaktperson", exact=True).fill("Kim Berg")
    page.get_by_label("Kontaktpersonens e-post").fill("kim@solrosen.example")
    page.get_by_label("Titel").fill("Vill öppna kafé vid torget")
    page.get_by_label("Ärendetyp").select_option(label="Livsmedelsregistrering")
    page.get_by_label("Kom in via").select_option(label="Reception")
    page.get_by_role("button", name="Öppna ärendet").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Vill öppna kafé vid torget")
    expect(page.get_by_role("status").first).to_contain_text(re.compile(r"Ärende LOTS \d{4}/1"))
    expect(page.get_by_test_id("coordinator")).to_have_text("Anna Andersson")
    expect(timeline(page)).to_contain_text("Öppnat")

    # 2. She routes it to Miljö- och hälsoskydd with a question.
    route = page.get_by_role("region", name="Skicka till en avdelning")
    route.get_by_label("Avdelning").select_option(label="Miljö- och hälsoskydd")
    route.get_by_label("Fråga eller begäran").fill("Behöver kaféet registreras?")
    route.get_by_role("button", name="Skicka", exact=True).click()
    expect(page.get_by_text("Ärendet är skickat.")).to_be_visible()
    expect(timeline(page)).to_contain_text("Skickat till en avdelning")
    case_url = page.url
    sign_out(page)

    # 3. Ali at Miljö sees it in his work, takes it on and answers.
    sign_in("ali@exempelby.se", TEST_PASSWORD)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mitt arbete").click()
    incoming = page.get_by_test_id("incoming")
    expect(incoming).to_contain_text("Behöver kaféet registreras?")
    incoming.get_by_role("link").first.click()
    page.get_by_role("button", name="Ta emot").click()
    expect(page.get_by_text("Du har tagit emot remissen.")).to_be_visible()
    page.get_by_text("Svara för Miljö- och hälsoskydd").click()
    page.get_by_role("textbox", name=re.compile(r"^Svar\*?$")).fill(
        "Ja, senast två veckor före start."
    )
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_text("Ditt svar är skickat.")).to_be_visible()
    expect(page.get_by_test_id("referral-summary")).to_have_text("Alla avdelningar har svarat.")
    expect(timeline(page)).to_contain_text("Remiss mottagen")
    expect(timeline(page)).to_contain_text("Ja, senast två veckor före start.")
    sign_out(page)

    # 4. Anna, the coordinator, closes the case.
    sign_in("anna@exempelby.se", TEST_PASSWORD)
    page.goto(case_url)
    # The label "Intern anteckning" names the note box, not the message to the business.
    page.get_by_label("Intern anteckning").fill("Ringde Kim, ritning kommer.")
    page.get_by_role("button", name="Spara anteckning").click()
    expect(page.get_by_text("Anteckningen är sparad.")).to_be_visible()
    notes = page.get_by_role("region", name="Interna anteckningar")
    expect(notes).to_contain_text("Ringde Kim, ritning kommer.")
    messages = page.get_by_role("region", name="Meddelanden med företaget")
    expect(messages).not_to_contain_text("Ringde Kim")
    status = page.get_by_role("region", name="Ändra status")
    status.get_by_label("Ny status").select_option(label="Avslutat")
    status.get_by_role(
        "textbox", name=re.compile("^(Text till företaget|Text to the business)")
    ).fill("Kaféet ska registreras senast två veckor före start.")
    status.get_by_role("button", name="Ändra status").click()
    expect(page.get_by_text("Statusen är ändrad.")).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_contain_text("Avslutat")
    # Taking on the referral opened the case (defect 2): accept, open, answer, note, close.
    expect(timeline(page).locator("li")).to_have_count(7)
    expect(timeline(page)).to_contain_text("Nytt → Pågående")
    expect(timeline(page).locator("li").last).to_contain_text("Pågående → Avslutat")
