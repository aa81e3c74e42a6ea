"""The Swedish question bank that ships with the portal, and loading it."""

import json
from collections import Counter

import pytest
from django.core.management import call_command

from training.models import Course, CourseQuestion, QuestionEntry, QuestionVersion, Topic
from training.services.bank import validate_question
from training.services.bank_file import BANK_PATH, parsed_questions, read_bank


@pytest.fixture(scope="module")
def bank():
    return read_bank(BANK_PATH)


def test_the_bank_has_at_least_120_questions_over_at_least_12_topics(bank):
    assert bank["language"] == "sv"
    assert len(bank["questions"]) >= 120
    assert len(bank["topics"]) >= 12


def test_every_topic_has_questions_and_every_question_a_known_topic(bank):
    codes = [t["code"] for t in bank["topics"]]
    assert len(codes) == len(set(codes))
    used = Counter(q["topic"] for q in bank["questions"])
    assert set(used) == set(codes), set(codes) ^ set(used)


def test_single_choice_and_true_false_questions_have_exactly_one_correct_choice(bank):
    for q in bank["questions"]:
        correct = sum(1 for c in q["choices"] if c["correct"])
        if q["type"] in ("single", "true_false"):
            assert correct == 1, q["text"]
        else:
            assert q["type"] == "multiple" and correct >= 1, q["text"]


def test_no_question_appears_twice(bank):
    texts = Counter(" ".join(q["text"].split()).casefold() for q in bank["questions"])
    assert [t for t, n in texts.items() if n > 1] == []


def test_every_question_has_an_explanation_and_a_source(bank):
    for q in bank["questions"]:
        assert q["explanation"].strip(), q["text"]
        assert q["source"].strip(), q["text"]


def test_every_question_passes_the_banks_own_validation(bank):
    problems = {p.row: validate_question(p.data) for p in parsed_questions(bank)}
    assert {row: found for row, found in problems.items() if found} == {}


def tiny_bank(tmp_path, *, explanation="Tio veckor från komplett ansökan."):
    path = tmp_path / "bank.json"
    path.write_text(
        json.dumps(
            {
                "language": "sv",
                "topics": [
                    {"code": "bygglov", "name": "Bygglov", "description": "PBL"},
                    {"code": "miljo", "name": "Miljö", "description": ""},
                ],
                "questions": [
                    {
                        "topic": "bygglov",
                        "type": "single",
                        "text": "Hur lång är handläggningstiden för bygglov?",
                        "choices": [
                            {"text": "10 veckor", "correct": True},
                            {"text": "3 veckor", "correct": False},
                        ],
                        "explanation": explanation,
                        "source": "PBL 9 kap. 27 §",
                    },
                    {
                        "topic": "miljo",
                        "type": "true_false",
                        "text": "En livsmedelsanläggning ska registreras före start.",
                        "choices": [
                            {"text": "Sant", "correct": True},
                            {"text": "Falskt", "correct": False},
                        ],
                        "explanation": "Minst två veckor före start.",
                        "source": "Förordning (2006:813)",
                    },
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.django_db
def test_loading_creates_this_years_edition_with_the_defaults(tmp_path):
    call_command("load_course_questions", file=tiny_bank(tmp_path))

    course = Course.objects.get()
    assert (course.opens_on.month, course.opens_on.day) == (1, 1)
    assert (course.closes_on.month, course.closes_on.day) == (12, 31)
    assert (course.pass_mark_percent, course.topic_minimum_percent) == (80, 60)
    assert course.slots.count() == 2
    assert sorted(Topic.objects.values_list("code", flat=True)) == ["bygglov", "miljo"]
    assert course.requirements.count() == 3


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_an_edit_makes_a_new_version(tmp_path, lots):
    call_command("load_course_questions", file=tiny_bank(tmp_path))
    call_command("load_course_questions", file=tiny_bank(tmp_path))
    assert (QuestionEntry.objects.count(), QuestionVersion.objects.count()) == (2, 2)
    assert CourseQuestion.objects.count() == 2

    # Someone has been shown the question; then the bank's explanation is improved.
    from training.services import attempts

    attempts.start_course(user=lots, course=Course.objects.get())
    call_command("load_course_questions", file=tiny_bank(tmp_path, explanation="Ny förklaring."))
    entry = QuestionEntry.objects.filter(versions__text__startswith="Hur lång").distinct().get()
    assert list(entry.versions.order_by("number").values_list("number", "explanation")) == [
        (1, "Tio veckor från komplett ansökan."),
        (2, "Ny förklaring."),
    ]


@pytest.mark.django_db
def test_the_real_bank_loads_into_the_current_edition():
    call_command("load_course_questions")
    bank = read_bank(BANK_PATH)
    assert Course.objects.get().slots.count() == len(bank["questions"])
    assert Topic.objects.count() == len(bank["topics"])


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_seed_gives_progress_an_approved_year_and_one_diploma(capsys):
    from training.models import ActivityStatus, Diploma, PracticalActivity

    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)

    diploma = Diploma.objects.get()
    assert diploma.user.email == "karin.sjoberg@exempelby.se"
    assert diploma.file and diploma.sha256
    # One submitted by the course's demo, besides those the demo's company visits logged for
    # their participants (business development, the LOTS year's "company visit").
    from development.models import VisitParticipant

    from_visits = VisitParticipant.objects.exclude(practical_activity=None).values(
        "practical_activity"
    )
    submitted = PracticalActivity.objects.filter(status=ActivityStatus.SUBMITTED)
    assert submitted.exclude(pk__in=from_visits).count() == 1
    assert submitted.filter(pk__in=from_visits).exists()
    assert Course.objects.get().enrol_all_officials
    assert diploma.verification_code in capsys.readouterr().out
