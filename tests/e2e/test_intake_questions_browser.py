"""With JavaScript, choosing a matter on the public form brings its questions in place."""

import pytest
from playwright.sync_api import expect

from cases.models import Case, IntakeAnswer, IntakeQuestion, QuestionKind
from tests.factories import DepartmentFactory
from tests.public.factories import PublicCaseTypeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_chosen_matter_s_questions_appear_without_a_reload_and_are_stored(
    page, settings, live_server
):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    teknik = DepartmentFactory(name="Teknik och gata", code="teknik")
    seating = PublicCaseTypeFactory(name="Markupplåtelse / uteservering", lead_department=teknik)
    IntakeQuestion.objects.create(
        case_type=seating,
        label_sv="Antal bord",
        label_en="Number of tables",
        kind=QuestionKind.NUMBER,
        required=True,
    )

    page.goto("/foretag/")
    page.get_by_label("Organisationsnummer").fill("556036-0793")
    page.get_by_label("Företagets namn").fill("Café Torget AB")
    page.get_by_label("Ditt namn").fill("Kim Karlsson")
    page.get_by_role("textbox", name="E-post").fill("kim@cafetorget.example")
    page.get_by_label("Beskriv ditt ärende").fill("Åtta bord på torget.")
    expect(page.get_by_label("Antal bord")).to_have_count(0)
    page.get_by_label("Markupplåtelse / uteservering").check()

    page.get_by_label("Antal bord").fill("8")
    expect(page.get_by_label("Företagets namn")).to_have_value("Café Torget AB")
    page.get_by_label("Jag har läst hur mina personuppgifter hanteras.").check()
    page.get_by_role("button", name="Skicka ärendet").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tack – ditt ärende har tagits emot")
    answer = IntakeAnswer.objects.get(case=Case.objects.get())
    assert (answer.label_sv, answer.value) == ("Antal bord", "8")
