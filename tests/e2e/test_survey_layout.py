"""Issue 13, defect 8: the survey laid 9 questions x 6 radios out as 54 stacked rows. Now each
question is a fieldset whose scale is one row on a laptop and stacks on a 390 px phone; it is
answered with the keyboard alone and axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from cases.services.cases import change_status
from cases.workflow import CaseStatus
from public.models import SurveyResponse
from public.services.submissions import submit_matter
from public.services.survey import send_survey_invitations
from public.tokens import survey_token
from tests.factories import DepartmentFactory, official
from tests.public.factories import PublicCaseTypeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUESTIONS = 9


@pytest.fixture
def survey_path(settings):
    settings.SURVEY_DELAY_HOURS = 0
    settings.NKI_SCALE_MAX = 10
    teknik = DepartmentFactory(name="Teknik och gata", code="teknik")
    kind = PublicCaseTypeFactory(name="Markupplåtelse / uteservering", lead_department=teknik)
    officer = official(teknik, Role.LOTS, email="david@kommun.example")
    case = submit_matter(
        org_number="556036-0793",
        company_name="Café Torget AB",
        contact_name="Kim Karlsson",
        email="kim@cafetorget.example",
        case_type=kind,
        description="Uteservering på torget.",
    ).case
    change_status(case=case, to=CaseStatus.CLOSED, by=officer)
    send_survey_invitations()
    return case, f"/foretag/enkat/{survey_token(case.pk)}/"


def open_page(browser, live_server, width):
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(15_000)
    return context, context.new_page()


def option_tops(page, question):
    boxes = page.locator(f"fieldset:has(#id_{question}_0) label.btn")
    return [round(box["y"]) for box in (boxes.nth(i).bounding_box() for i in range(boxes.count()))]


def test_on_a_laptop_each_question_is_one_row_and_is_answered_with_the_keyboard(
    browser, live_server, survey_path
):
    case, path = survey_path
    context, page = open_page(browser, live_server, 1280)
    page.goto(path)
    expect(page.locator("fieldset legend")).to_have_count(QUESTIONS)
    for question in ("information", "close_to_ideal"):
        assert len(set(option_tops(page, question))) == 1, "the scale should be one row"
    # The anchors are written under the row (their text is checked in tests/public/test_survey.py).
    expect(page.locator(".survey-anchors").first).to_be_visible()
    assert page.locator(".survey-anchor").first.bounding_box()["width"] <= 1  # screen readers

    # Keyboard only: Tab into each group, arrow keys move along the scale, Tab to the next.
    page.locator("#id_information_0").focus()
    for _question in range(QUESTIONS):
        for _step in range(7):  # from 1 to 8
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    page.keyboard.type("Bra!")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för dina svar")
    answer = SurveyResponse.objects.get(case=case)
    assert answer.information == 8 and answer.close_to_ideal == 8
    assert answer.comment == "Bra!"
    context.close()


def test_on_a_phone_the_scale_stacks_and_passes_axe(browser, live_server, survey_path):
    from tests.e2e.conftest import AXE_SOURCE

    case, path = survey_path
    context, page = open_page(browser, live_server, 390)
    page.goto(path)
    tops = option_tops(page, "information")
    assert len(tops) == 11 and tops == sorted(tops) and len(set(tops)) == 11  # stacked
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390, "nothing sticks out sideways"
    # On the phone the anchors stand beside 1 and 10 in the labels themselves.
    expect(page.locator(".survey-anchor").first).to_be_visible()
    expect(page.locator(".survey-anchors").first).to_be_hidden()

    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []

    for question in ("information", "tillganglighet", "bemotande", "rattssakerhet", "effektivitet"):
        page.locator(f"label[for=id_{question}_9]").click()  # 10
    page.locator("label[for=id_kompetens_10]").click()  # "don't know"
    for question in ("overall_satisfaction", "expectations_met", "close_to_ideal"):
        page.locator(f"label[for=id_{question}_6]").click()  # 7
    page.get_by_role("button", name="Skicka mina svar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för dina svar")
    answer = SurveyResponse.objects.get(case=case)
    assert answer.kompetens is None and answer.information == 10 and answer.expectations_met == 7
    context.close()
