"""A business owner's whole journey through the public door, in a real browser.

Submits a matter with an attachment, gets a case number, opens the tracking link from the
receipt e-mail, reads the coordinator's message and replies; after closure answers the survey.
Every public page passes the axe-core accessibility engine (no serious or critical problems).
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Role
from cases.models import Case, MessageDirection
from cases.services.cases import change_coordinator, change_status
from cases.services.communication import send_message_to_business
from cases.workflow import CaseStatus
from public.models import SurveyResponse
from public.services.survey import send_survey_invitations
from tests.factories import DepartmentFactory, official
from tests.public.conftest import PDF
from tests.public.factories import PublicCaseTypeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BUSINESS = "kim@cafetorget.example"


def link_in(body: str, path: str) -> str:
    return re.search(rf"https?://\S+{path}\S+/", body).group(0)


def test_a_business_owner_submits_follows_replies_and_answers_the_survey(
    page, assert_accessible, settings, live_server
):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    settings.SITE_URL = live_server.url
    settings.SURVEY_DELAY_HOURS = 0
    teknik = DepartmentFactory(
        name="Teknik och gata", code="teknik", inbox_email="teknik@kommun.example"
    )
    PublicCaseTypeFactory(
        name="Markupplåtelse / uteservering",
        public_description="Du vill ställa ut bord och stolar på allmän plats.",
        lead_department=teknik,
    )
    officer = official(teknik, Role.LOTS, full_name="David Persson", email="david@kommun.ex")

    # The start page leads to the form.
    page.goto("/")
    page.get_by_role("link", name="Lämna in ett ärende").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skicka in ett ärende till kommunen")
    assert_accessible("the intake form")

    page.get_by_label("Organisationsnummer").fill("556036-0793")
    page.get_by_label("Företagets namn").fill("Café Torget AB")
    page.get_by_label("Ditt namn").fill("Kim Karlsson")
    page.get_by_role("textbox", name="E-post").fill(BUSINESS)
    page.get_by_role("textbox", name="Telefon").fill("070-123 45 67")
    page.get_by_label("Markupplåtelse / uteservering").check()
    page.get_by_label("Beskriv ditt ärende").fill("Åtta bord på torget från maj.")
    page.get_by_label("Bilagor").set_input_files(
        files=[{"name": "ritning.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_label("Jag har läst hur mina personuppgifter hanteras.").check()
    page.get_by_role("button", name="Skicka ärendet").click()

    # The receipt: a case number and what happens next.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack – ditt ärende har tagits emot")
    case = Case.objects.get()
    expect(page.locator("#case-number")).to_have_text(case.number)
    assert case.attachments.get().original_name == "ritning.pdf"
    assert_accessible("the receipt")

    # The receipt e-mail carries the tracking link.
    [receipt] = [m for m in mail.outbox if m.to == [BUSINESS]]
    assert case.number in receipt.subject
    tracking = link_in(receipt.body, "/foretag/arende/")

    # The coordinator writes to the business (through the cases service).
    change_coordinator(case=case, coordinator=officer, by=officer)
    send_message_to_business(case=case, by=officer, body="Skicka gärna en skiss över torget.")

    page.goto(tracking)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ditt ärende {case.number}")
    expect(page.get_by_text("Skicka gärna en skiss över torget.")).to_be_visible()
    expect(page.get_by_text("David Persson, Teknik och gata")).to_be_visible()
    assert_accessible("the tracking page")

    page.get_by_label("Ditt svar").fill("Skissen kommer i morgon.")
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.get_by_text("Tack! Ditt svar har lagts till i ärendet.")).to_be_visible()
    expect(page.get_by_text("Skissen kommer i morgon.")).to_be_visible()
    assert case.messages.filter(direction=MessageDirection.FROM_BUSINESS).count() == 1
    assert any(m.to == ["david@kommun.ex"] for m in mail.outbox)

    # After closure the business is invited to the survey.
    change_status(case=case, to=CaseStatus.CLOSED, by=officer)
    send_survey_invitations()
    [invitation] = [m for m in mail.outbox if m.to == [BUSINESS] and "/foretag/enkat/" in m.body]
    page.goto(link_in(invitation.body, "/foretag/enkat/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hur tyckte du att det gick?")
    assert_accessible("the survey")

    for question in (
        "information",
        "tillganglighet",
        "bemotande",
        "kompetens",
        "rattssakerhet",
        "effektivitet",
        "overall_satisfaction",
        "expectations_met",
        "close_to_ideal",
    ):
        page.locator(f"label[for=id_{question}_4]").click()  # 5 on the 1–6 scale
    page.get_by_label("Vill du berätta något mer för oss? (frivilligt)").fill("Smidigt!")
    page.get_by_role("button", name="Skicka mina svar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för dina svar")
    answer = SurveyResponse.objects.get(case=case)
    assert answer.overall_satisfaction == 5
    assert answer.comment == "Smidigt!"

    # The link page, and the kind page for a link that does not work.
    page.goto("/foretag/lank/")
    assert_accessible("the send-my-link-again page")
    page.goto("/foretag/arende/inte-en-riktig-lank/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Länken fungerar inte")
    assert_accessible("the link-not-found page")
