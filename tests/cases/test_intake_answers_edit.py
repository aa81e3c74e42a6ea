"""Issue 13: an official who may edit the case corrects its answers to the intake questions
from the case page; each change goes on the timeline as old -> new.

English is checked (``django_language=en``); the Swedish texts come with the integrator from
``locale/new/dailyleft.json``. The timeline keeps the values in the portal's language."""

import pytest
from django.urls import reverse

from cases.models import CaseEvent, EventKind, IntakeAnswer, IntakeQuestion, QuestionKind
from cases.services.cases import change_status
from cases.services.intake import GivenAnswer, record_intake_answers
from cases.services.referrals import route_case
from cases.services.retention import anonymise_case

from .factories import a_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(food_registration):
    def ask(label_sv, label_en, kind, **extra):
        return IntakeQuestion.objects.create(
            case_type=food_registration, label_sv=label_sv, label_en=label_en, kind=kind, **extra
        )

    return {
        "seats": ask(
            "Antal sittplatser",
            "Number of seats",
            QuestionKind.NUMBER,
            min_value=1,
            max_value=500,
            required=True,
            position=1,
        ),
        "serving": ask(
            "Typ av servering",
            "Kind of serving",
            QuestionKind.CHOICE,
            position=2,
            choices_sv="Kafé\nRestaurang",
            choices_en="Café\nRestaurant",
        ),
        "notes": ask("Övrigt", "Anything else", QuestionKind.LONG_TEXT, position=3),
    }


@pytest.fixture
def case(receptionist, reception, food_registration, questions):
    case = a_case(by=receptionist, department=reception, case_type=food_registration)
    record_intake_answers(
        case=case,
        answers=[
            GivenAnswer(question=questions["seats"], value="24"),
            GivenAnswer(question=questions["serving"], value="Kafé", value_en="Café"),
            GivenAnswer(question=questions["notes"], value="Öppnar i maj."),
        ],
    )
    return case


def url(case):
    return reverse("cases:intake_answers", args=[case.pk])


def as_user(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"


def answers_of(case):
    return {a.label_en: a.value for a in IntakeAnswer.objects.filter(case=case)}


def test_the_official_corrects_the_answers_and_the_timeline_shows_old_and_new(
    client, receptionist, case, questions, food_registration
):
    # Since the case was opened: one question reworded, one retired, one added.
    questions["seats"].label_en = "Seats indoors and outdoors"
    questions["seats"].save()
    questions["notes"].is_active = False
    questions["notes"].save()
    opening = IntakeQuestion.objects.create(
        case_type=food_registration,
        label_sv="Öppnar",
        label_en="Opening day",
        kind=QuestionKind.DATE,
        position=4,
    )
    as_user(client, receptionist)
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'href="{url(case)}"' in detail and "Correct the answers to the questions" in detail

    page = client.get(url(case)).content.decode()
    assert "Number of seats" in page and "Seats indoors and outdoors" not in page  # as asked
    assert f'name="intake-question_{questions["seats"].pk}" value="24"' in page
    assert "Opening day" in page  # added since: may be answered now
    kept = page.split('data-testid="kept-answers"')[1]
    assert "Anything else" in kept and "Öppnar i maj." in kept  # retired: read-only
    assert f'name="intake-question_{questions["notes"].pk}"' not in page

    response = client.post(
        url(case),
        {
            f"intake-question_{questions['seats'].pk}": "30",
            f"intake-question_{questions['serving'].pk}": "1",
            f"intake-question_{opening.pk}": "2027-05-01",
        },
        follow=True,
    )

    html = response.content.decode()
    assert "The answers are changed." in html
    assert answers_of(case) == {
        "Number of seats": "30",
        "Kind of serving": "Restaurang",
        "Anything else": "Öppnar i maj.",
        "Opening day": "2027-05-01",
    }
    (event,) = CaseEvent.objects.filter(case=case, kind=EventKind.INTAKE_ANSWERS_CHANGED)
    assert event.actor == receptionist
    assert [c["question"] for c in event.payload["changes"]] == [
        "Antal sittplatser",
        "Typ av servering",
        "Öppnar",
    ]
    changes = html.split('data-testid="answer-changes"')[1].split("</ul>")[0]
    assert "Antal sittplatser: 24 → 30" in changes
    assert "Typ av servering: Kafé → Restaurang" in changes
    assert "Öppnar: – →" in changes
    assert "Restaurant</dd>" in html  # the case page shows the English answer


def test_saving_nothing_changed_writes_nothing(client, receptionist, case, questions):
    as_user(client, receptionist)
    unchanged = {
        f"intake-question_{questions['seats'].pk}": "24",
        f"intake-question_{questions['serving'].pk}": "0",
        f"intake-question_{questions['notes'].pk}": "Öppnar i maj.",
    }

    response = client.post(url(case), unchanged)

    assert response.status_code == 400
    assert "Nothing was changed." in response.content.decode()
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.INTAKE_ANSWERS_CHANGED).exists()


def test_clearing_an_optional_answer_is_a_change_and_a_required_one_is_refused(
    client, receptionist, case, questions
):
    as_user(client, receptionist)
    seats = f"intake-question_{questions['seats'].pk}"

    refused = client.post(url(case), {f"intake-question_{questions['serving'].pk}": "0"})
    cleared = client.post(
        url(case), {seats: "24", f"intake-question_{questions['serving'].pk}": "0"}
    )

    assert refused.status_code == 400 and "This field is required." in refused.content.decode()
    assert cleared.status_code == 302
    assert "Anything else" not in answers_of(case)
    event = CaseEvent.objects.get(case=case, kind=EventKind.INTAKE_ANSWERS_CHANGED)
    assert event.payload["changes"] == [{"question": "Övrigt", "from": "Öppnar i maj.", "to": ""}]


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("seats", "501", "less than or equal to 500"),
        ("seats", "tjugo", "Enter a whole number."),
        ("serving", "99", "Select a valid choice."),
        ("notes", "x" * 5001, "at most 5000 characters"),
    ],
)
def test_answers_are_checked_as_on_intake_and_what_was_typed_is_kept(
    client, receptionist, case, questions, field, value, said
):
    as_user(client, receptionist)
    data = {
        f"intake-question_{questions['seats'].pk}": "24",
        f"intake-question_{questions[field].pk}": value,
    }

    response = client.post(url(case), data)

    page = response.content.decode()
    assert response.status_code == 400 and said in page
    if len(value) < 10:
        assert f'value="{value}"' in page or value == "99"
    assert answers_of(case)["Number of seats"] == "24"
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.INTAKE_ANSWERS_CHANGED).exists()


def test_hostile_input_gives_no_500(client, receptionist, case, questions):
    as_user(client, receptionist)
    seats = f"intake-question_{questions['seats'].pk}"
    for data in (
        {seats: "\x00"},
        {seats: ["24", "25"]},
        {seats: "24", "intake-question_999999": "extra"},
        {seats: "9" * 400},
    ):
        response = client.post(url(case), data)
        assert response.status_code in (302, 400)
    assert client.get(reverse("cases:intake_answers", args=[999999])).status_code == 404


def test_a_choice_answered_before_the_choices_changed_is_kept_unless_changed(
    client, receptionist, case, questions
):
    questions["serving"].choices_sv = "Restaurang\nBar"
    questions["serving"].choices_en = "Restaurant\nBar"
    questions["serving"].save()
    as_user(client, receptionist)

    page = client.get(url(case)).content.decode()
    assert 'value="kept"' in page and "Café" in page
    response = client.post(
        url(case),
        {
            f"intake-question_{questions['seats'].pk}": "24",
            f"intake-question_{questions['serving'].pk}": "kept",
            f"intake-question_{questions['notes'].pk}": "Öppnar i maj.",
        },
    )

    assert "Nothing was changed." in response.content.decode()
    assert answers_of(case)["Kind of serving"] == "Kafé"


def test_a_closed_case_says_why_its_answers_cannot_be_changed(
    client, receptionist, case, questions
):
    change_status(case=case, to="closed", by=receptionist, comment="Klart.")
    as_user(client, receptionist)

    page = client.get(url(case)).content.decode()
    posted = client.post(url(case), {f"intake-question_{questions['seats'].pk}": "30"})

    assert "The case is decided or closed" in page and "intake-answers-form" not in page
    assert "Number of seats" in page and "24" in page
    assert posted.status_code == 400 and "reopen it to correct them" in posted.content.decode()
    assert answers_of(case)["Number of seats"] == "24"


def test_an_anonymised_case_or_one_the_official_may_not_edit_is_refused(
    client, receptionist, builder, bygg, case, questions
):
    route_case(case=case, department=bygg, by=receptionist, request_text="Bygglov?")
    as_user(client, builder)  # routed to: sees the case, does not edit it
    assert client.get(url(case)).status_code == 403
    assert (
        client.post(url(case), {f"intake-question_{questions['seats'].pk}": "30"}).status_code
        == 403
    )
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "correct-answers" not in detail

    change_status(case=case, to="closed", by=receptionist)
    anonymise_case(case=case, reason="test")
    as_user(client, receptionist)
    assert client.get(url(case)).status_code == 403
