"""Intake questions per case type: asked on the public form, stored with the case, shown back."""

import re

import pytest
from django.urls import reverse

from cases.models import Case, IntakeAnswer, IntakeQuestion, QuestionKind
from tests.factories import official

from .conftest import started

pytestmark = pytest.mark.django_db

INTAKE = "/foretag/"


@pytest.fixture
def questions(outdoor_seating):
    def ask(**fields):
        return IntakeQuestion.objects.create(case_type=outdoor_seating, **fields)

    return {
        "hours": ask(
            label_sv="Öppettider",
            label_en="Opening hours",
            help_en="For example 11-22.",
            required=True,
            position=1,
        ),
        "seats": ask(
            label_sv="Antal sittplatser",
            label_en="Number of seats",
            kind=QuestionKind.NUMBER,
            min_value=1,
            max_value=500,
            required=True,
            position=2,
        ),
        "serving": ask(
            label_sv="Typ av servering",
            label_en="Kind of serving",
            kind=QuestionKind.CHOICE,
            choices_sv="Till allmänheten\nSlutet sällskap",
            choices_en="To the public\nPrivate party",
            position=3,
        ),
        "alcohol": ask(
            label_sv="Serveras alkohol?",
            label_en="Is alcohol served?",
            kind=QuestionKind.YES_NO,
            position=4,
        ),
        "start": ask(
            label_sv="Från vilket datum?",
            label_en="From which date?",
            kind=QuestionKind.DATE,
            position=5,
        ),
        "notes": ask(
            label_sv="Övrigt om platsen",
            label_en="More about the place",
            kind=QuestionKind.LONG_TEXT,
            position=6,
        ),
    }


def fields(questions, **answers):
    return {f"question_{questions[key].pk}": value for key, value in answers.items()}


def english(client):
    client.cookies["django_language"] = "en"
    return client


def answered(questions):
    return fields(
        questions,
        hours="11–22 alla dagar",
        seats="40",
        serving="0",
        alcohol="no",
        start="2027-05-01",
        notes="Torget, mot söder",
    )


def test_a_business_owner_answers_the_questions_and_sees_them_on_the_tracking_page(
    client, form_data, questions, mailoutbox, django_capture_on_commit_callbacks
):
    english(client)
    page = client.get(INTAKE, {"case_type": form_data["case_type"]}).content.decode()
    assert "Opening hours" in page and "For example 11-22." in page
    assert "Number of seats" in page and "To the public" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INTAKE, {**form_data, **answered(questions)})

    assert response.status_code == 302
    case = Case.objects.get()
    stored = {a.label_sv: a.value for a in IntakeAnswer.objects.filter(case=case)}
    assert stored == {
        "Öppettider": "11–22 alla dagar",
        "Antal sittplatser": "40",
        "Typ av servering": "Till allmänheten",
        "Serveras alkohol?": "no",
        "Från vilket datum?": "2027-05-01",
        "Övrigt om platsen": "Torget, mot söder",
    }
    [receipt] = [m for m in mailoutbox if m.to == ["kim@cafetorget.example"]]
    link = re.search(r"/foretag/arende/[^/\s]+/", receipt.body).group(0)
    tracking = english(client).get(link).content.decode()
    assert 'data-testid="intake-answers"' in tracking
    assert "Number of seats</dt>" in tracking
    assert ">40</dd>" in tracking
    assert "To the public" in tracking
    assert ">No</dd>" in tracking


def test_without_javascript_the_chosen_matter_s_questions_are_shown_and_nothing_is_lost(
    client, form_data, questions
):
    english(client)
    response = client.post(INTAKE, {**form_data, "show_questions": "1"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Opening hours" in page
    assert "Café Torget AB" in page and "åtta bord på torget" in page
    assert "invalid-feedback" not in page  # nothing sent yet: no errors
    assert not Case.objects.exists()


def test_a_missing_required_answer_brings_the_form_back_with_everything_typed(
    client, form_data, questions
):
    english(client)
    data = {**form_data, **answered(questions)}
    data[f"question_{questions['hours'].pk}"] = ""

    response = client.post(INTAKE, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert not Case.objects.exists()
    assert "This field is required." in page
    assert "Café Torget AB" in page and "Torget, mot söder" in page
    assert 'value="40"' in page and 'value="2027-05-01"' in page


def test_a_number_out_of_range_is_refused_in_the_visitor_s_language(client, form_data, questions):
    english(client)
    data = {**form_data, **answered(questions), **fields(questions, seats="501")}

    page = client.post(INTAKE, data).content.decode()

    assert not Case.objects.exists()
    assert "Ensure this value is less than or equal to 500." in page
    assert 'value="501"' in page


def test_a_hostile_100000_character_answer_is_refused_and_nothing_is_stored(
    client, form_data, questions
):
    english(client)
    data = {**form_data, **answered(questions), **fields(questions, notes="x" * 100_000)}
    data[f"question_{questions['hours'].pk}"] = "y" * 100_000

    response = client.post(INTAKE, data)

    assert response.status_code == 200
    assert not Case.objects.exists()
    assert not IntakeAnswer.objects.exists()
    assert "Ensure this value has at most 300 characters" in response.content.decode()


def test_a_question_of_another_case_type_is_not_asked_nor_stored(
    client, form_data, questions, outdoor_seating
):
    from .factories import PublicCaseTypeFactory

    other = PublicCaseTypeFactory(name="Livsmedel", lead_department=outdoor_seating.lead_department)
    form_data["case_type"] = str(other.pk)

    response = client.post(INTAKE, {**form_data, **answered(questions)})

    assert response.status_code == 302
    assert not IntakeAnswer.objects.exists()


def test_a_retired_question_is_no_longer_asked_but_its_old_answer_stays_on_the_case(
    client, form_data, questions, street_officer
):
    client.post(INTAKE, {**form_data, **answered(questions)})
    case = Case.objects.get()
    hours = questions["hours"]
    hours.is_active = False
    hours.label_sv = "Nya öppettider (omformulerad)"
    hours.save()

    english(client)
    page = client.get(INTAKE, {"case_type": form_data["case_type"]}).content.decode()
    assert "Opening hours" not in page

    client.force_login(street_officer)
    english(client)
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Opening hours</dt>" in detail
    assert "11–22 alla dagar" in detail
    client.cookies["django_language"] = "sv"
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Öppettider</dt>" in detail
    assert "omformulerad" not in detail


def test_an_official_of_another_department_does_not_see_a_confidential_case_s_answers(
    client, form_data, questions
):
    client.post(INTAKE, {**form_data, **answered(questions)})
    case = Case.objects.get()
    Case.objects.filter(pk=case.pk).update(confidential=True)
    from tests.factories import DepartmentFactory

    outsider = official(DepartmentFactory())
    client.force_login(outsider)

    response = client.get(reverse("cases:detail", args=[case.pk]))

    assert response.status_code in (403, 404)
    assert "11–22 alla dagar" not in response.content.decode()


def test_the_administrator_adds_a_question_to_a_case_type(client, admin_user, outdoor_seating):
    client.force_login(admin_user)
    english(client)

    response = client.post(
        reverse("admin:cases_intakequestion_add"),
        {
            "case_type": outdoor_seating.pk,
            "kind": "number",
            "required": "on",
            "is_active": "on",
            "position": "1",
            "label_sv": "Antal sittplatser",
            "label_en": "Number of seats",
            "help_sv": "",
            "help_en": "",
            "choices_sv": "",
            "choices_en": "",
            "min_value": "10",
            "max_value": "5",
        },
    )
    assert response.status_code == 200
    assert "The highest number is below the lowest." in response.content.decode()

    response = client.post(
        reverse("admin:cases_intakequestion_add"),
        {
            "case_type": outdoor_seating.pk,
            "kind": "number",
            "required": "on",
            "is_active": "on",
            "position": "1",
            "label_sv": "Antal sittplatser",
            "label_en": "Number of seats",
            "help_sv": "",
            "help_en": "",
            "choices_sv": "",
            "choices_en": "",
            "min_value": "1",
            "max_value": "500",
        },
    )
    assert response.status_code == 302
    question = IntakeQuestion.objects.get()
    assert (question.case_type, question.max_value) == (outdoor_seating, 500)
    client.logout()
    english(client)
    page = client.get(INTAKE, {"case_type": outdoor_seating.pk, "form_started": started()})
    assert "Number of seats" in page.content.decode()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_case_page_and_the_tracking_page_do_not_query_more_with_more_answers(
    client, outdoor_seating, street_officer
):
    from cases.services.intake import GivenAnswer
    from public.services.submissions import submit_matter

    counts = []
    for n in (1, 12):
        asked = [
            IntakeQuestion.objects.create(
                case_type=outdoor_seating, label_sv=f"Fråga {n}-{i}", position=i
            )
            for i in range(n)
        ]
        submitted = submit_matter(
            org_number="556036-0793",
            company_name="Café Torget AB",
            contact_name="Kim Karlsson",
            email="kim@cafetorget.example",
            case_type=outdoor_seating,
            description="Uteservering",
            answers=[GivenAnswer(question=q, value=f"Svar {q.label_sv}") for q in asked],
        )
        IntakeQuestion.objects.filter(pk__in=[q.pk for q in asked]).update(is_active=False)
        client.logout()
        track = reverse("public:track", args=[submitted.token])
        tracking = _queries(client, track)
        client.force_login(street_officer)
        detail = reverse("cases:detail", args=[submitted.case.pk])
        counts.append((tracking, _queries(client, detail)))
        assert f"Svar Fråga {n}-{n - 1}" in client.get(detail).content.decode()
    assert counts[0] == counts[1]


def test_with_javascript_choosing_a_matter_asks_for_its_questions_in_place(
    client, form_data, questions
):
    english(client)
    page = client.get(INTAKE).content.decode()
    assert 'id="intake-questions"' in page and 'hx-select="#intake-questions"' in page
    assert "Opening hours" not in page  # no matter chosen yet

    # What htmx sends when the matter is chosen: the form so far, with show_questions.
    response = client.post(INTAKE, {**form_data, "show_questions": "1"}, HTTP_HX_REQUEST="true")

    region = response.content.decode().split('id="intake-questions"')[1]
    assert "Opening hours" in region.split('name="description"')[0]
    assert not Case.objects.exists()
