"""An official opens a case at the desk and answers the case type's intake questions."""

import pytest
from django.urls import reverse

from cases.models import Case, IntakeAnswer, IntakeQuestion, QuestionKind

from .factories import door

pytestmark = pytest.mark.django_db


@pytest.fixture
def seats(food_registration):
    return IntakeQuestion.objects.create(
        case_type=food_registration,
        label_sv="Antal sittplatser",
        label_en="Number of seats",
        kind=QuestionKind.NUMBER,
        min_value=1,
        max_value=500,
        required=True,
    )


def desk_form(food_registration, reception, **extra):
    return {
        "new_org_number": "5560360793",
        "new_name": "Kafé Solrosen AB",
        "contact_name": "Kim Berg",
        "contact_email": "kim@solrosen.example",
        "title": "Vill öppna kafé",
        "description": "Frågar om livsmedelsregistrering.",
        "case_type": food_registration.pk,
        "door": door("reception").pk,
        "department": reception.pk,
        "priority": "normal",
        **extra,
    }


def test_an_official_opens_a_case_with_answers_at_the_desk(
    client, receptionist, reception, food_registration, seats
):
    client.force_login(receptionist)
    client.cookies["django_language"] = "en"
    data = desk_form(food_registration, reception)

    shown = client.post(reverse("cases:create"), {**data, "show_questions": "1"})
    page = shown.content.decode()
    assert shown.status_code == 200 and "Number of seats" in page
    assert "Kafé Solrosen AB" in page and "is-invalid" not in page

    refused = client.post(reverse("cases:create"), data)
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    assert "Kafé Solrosen AB" in refused.content.decode()
    assert not Case.objects.exists()

    response = client.post(reverse("cases:create"), {**data, f"question_{seats.pk}": "24"})

    case = Case.objects.get()
    assert response.status_code == 302
    assert IntakeAnswer.objects.get(case=case).value == "24"
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Number of seats</dt>" in detail and ">24</dd>" in detail


def test_the_retention_rule_blanks_the_answers_in_the_business_s_own_words(
    receptionist, reception, food_registration, seats
):
    from cases.services.intake import GivenAnswer
    from cases.services.opening import open_case_for_business
    from cases.services.retention import anonymise_case

    from .factories import CompanyFactory
    from .test_retention import finish

    notes = IntakeQuestion.objects.create(
        case_type=food_registration, label_sv="Övrigt", kind=QuestionKind.LONG_TEXT
    )
    case = open_case_for_business(
        by=receptionist,
        department=reception,
        company=CompanyFactory(),
        new_company=None,
        contact={},
        case_type=food_registration,
        door=door("reception"),
        title="Kafé",
        answers=[
            GivenAnswer(question=seats, value="24"),
            GivenAnswer(question=notes, value="Ring Kim Karlsson på 070-1"),
        ],
    )
    case = finish(case, by=receptionist, months_ago=37)

    assert anonymise_case(case=case, reason="test")

    values = dict(IntakeAnswer.objects.filter(case=case).values_list("label_sv", "value"))
    assert values["Antal sittplatser"] == "24"
    assert "Kim" not in values["Övrigt"]
