"""The legal review of the bank: each question's check date and reviewer, the coordinator's list
of questions due before an edition opens, marking a question for review when its source changed,
and the version rule when the shipped bank corrects a question someone has answered."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from confighistory.models import ConfigChange
from training.models import AttemptItem, Course, QuestionEntry
from training.services import attempts, review
from training.services.bank import stable_key
from training.services.bank_file import BANK_PATH, read_bank

from .factories import CourseFactory, TopicFactory, question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    """These tests read the pages' English texts: the language the visitor chose."""
    client.cookies["django_language"] = "en"


TEXT = "Var kungörs ett beviljat bygglov?"


def _bank(tmp_path, *, text=TEXT, explanation="Sedan 2025-12-01 på anslagstavlan.", **review_data):
    q = {
        "topic": "bygglov",
        "type": "single",
        "text": text,
        "choices": [
            {"text": "På kommunens digitala anslagstavla", "correct": True},
            {"text": "I Post- och Inrikes Tidningar", "correct": False},
        ],
        "explanation": explanation,
        "source": "PBL 9 kap. 41 a §",
        "key": stable_key("bygglov", TEXT),
        "checked_on": "2026-12-01",
        "reviewer": "Kursredaktionen",
        **review_data,
    }
    path = tmp_path / "bank.json"
    path.write_text(
        json.dumps(
            {
                "language": "sv",
                "topics": [{"code": "bygglov", "name": "Bygglov", "description": ""}],
                "questions": [q],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


def test_every_shipped_question_has_a_key_a_check_date_and_a_reviewer():
    questions = read_bank(BANK_PATH)["questions"]
    keys = [q["key"] for q in questions]
    assert len(keys) == len(set(keys))
    for q in questions:
        assert datetime.date.fromisoformat(q["checked_on"]) and q["reviewer"].strip(), q["text"]


def test_loading_the_bank_records_the_check_and_marks_what_could_not_be_verified(tmp_path):
    call_command("load_course_questions", file=_bank(tmp_path, review="Källan ändrades."))
    entry = QuestionEntry.objects.get()
    assert (entry.law_checked_on, entry.reviewer) == (datetime.date(2026, 12, 1), "Kursredaktionen")
    assert entry.review_requested and entry.review_reason == "Källan ändrades."

    # A coordinator checks it later; loading the bank again does not undo that.
    review.record_law_check(
        entry=entry, checked_on=datetime.date(2027, 1, 10), reviewer="Sam", by=None
    )
    call_command("load_course_questions", file=_bank(tmp_path, review="Källan ändrades."))
    entry.refresh_from_db()
    assert (entry.law_checked_on, entry.review_requested) == (datetime.date(2027, 1, 10), False)


def test_a_corrected_question_becomes_a_new_version_and_old_attempts_keep_their_text(
    tmp_path, lots
):
    call_command("load_course_questions", file=_bank(tmp_path))
    attempts.start_course(user=lots, course=Course.objects.get())
    shown = AttemptItem.objects.get(attempt__user=lots)

    corrected = "Var kungör kommunen ett beviljat bygglov sedan den 1 december 2025?"
    call_command("load_course_questions", file=_bank(tmp_path, text=corrected))

    entry = QuestionEntry.objects.get()  # the same question, not a second one
    assert list(entry.versions.order_by("number").values_list("number", "text")) == [
        (1, TEXT),
        (2, corrected),
    ]
    shown.refresh_from_db()
    assert (shown.version.number, shown.version.text) == (1, TEXT)


@pytest.fixture
def next_edition(db):
    """An edition opening in the future, with a recently checked, an old, a never checked and a
    marked question."""
    course = CourseFactory(
        year=2027,
        title="LOTS-kursen",
        opens_on=datetime.date(2027, 1, 1),
        closes_on=datetime.date(2027, 12, 31),
    )
    topic = TopicFactory(code="bygglov", name="Bygglov", position=1)
    entries = {
        name: question(topic, f"Fråga som är {name}?", course=course)
        for name in ("aktuell", "gammal", "okontrollerad", "markerad")
    }
    for name, day in (
        ("aktuell", "2026-12-01"),
        ("gammal", "2025-06-01"),
        ("markerad", "2026-12-01"),
    ):
        review.record_law_check(
            entry=_entry(entries[name]),
            checked_on=datetime.date.fromisoformat(day),
            reviewer="Kursredaktionen",
            by=None,
        )
    return course, {name: _entry(e) for name, e in entries.items()}


def _entry(made):
    return made if isinstance(made, QuestionEntry) else made.entry


def _mark(admin_client, entry, reason):
    return admin_client.post(
        reverse("admin:training_questionentry_changelist"),
        {"action": "mark_for_review", "_selected_action": [entry.pk], "review_reason": reason},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_the_coordinator_lists_the_questions_due_before_the_next_edition_opens(
    client, samordnare, admin_client, next_edition
):
    course, entries = next_edition
    _mark(admin_client, entries["markerad"], "Alkohollagen 8 kap. 15 § ändrad.")

    client.force_login(samordnare)
    page = client.get(reverse("training:review_due")).content.decode()

    assert "Fråga som är markerad?" in page and "Alkohollagen 8 kap. 15 § ändrad." in page
    assert "Fråga som är gammal?" in page and "2025-06-01" in page
    assert "Fråga som är okontrollerad?" in page
    assert "Fråga som är aktuell?" not in page
    assert page.index("Fråga som är markerad?") < page.index("Fråga som är gammal?")


def test_marking_for_review_in_the_admin_keeps_the_history_and_needs_a_reason(
    admin_client, next_edition
):
    _, entries = next_edition
    entry = entries["aktuell"]
    admin_client.cookies["django_language"] = "en"  # the admin in the language chosen

    refused = _mark(admin_client, entry, "  ")
    entry.refresh_from_db()
    assert not entry.review_requested
    assert "Say why the question needs review" in refused.content.decode()

    _mark(admin_client, entry, "Boverket ändrade vägledningen.")
    entry.refresh_from_db()
    assert entry.review_requested and entry.review_reason == "Boverket ändrade vägledningen."
    change = ConfigChange.objects.of(QuestionEntry, entry.pk).get()
    assert change.changes["review_requested"]["new"] in ("Yes", "Ja")
    assert change.changes["review_reason"]["new"] == "Boverket ändrade vägledningen."

    # Checked again: no longer due.
    review.record_law_check(
        entry=entry, checked_on=datetime.date(2026, 12, 20), reviewer="Sam", by=None
    )
    entry.refresh_from_db()
    assert not review.is_due(entry, opens_on=datetime.date(2027, 1, 1))


def test_only_a_coordinator_may_mark_questions(lots, next_edition):
    from training.errors import NotPermitted

    _, entries = next_edition
    with pytest.raises(NotPermitted):
        review.mark_for_review(entries=[entries["aktuell"]], reason="Ändrad.", by=lots)


def test_the_check_date_and_reviewer_are_edited_on_the_questions_admin_page_with_history(
    admin_client, next_edition
):
    _, entries = next_edition
    entry = entries["okontrollerad"]
    url = reverse("admin:training_questionentry_change", args=[entry.pk])
    assert admin_client.get(url).status_code == 200

    form = {
        "topic": entry.topic_id,
        "law_checked_on": "2026-12-15",
        "reviewer": "Sam Samordnare",
        "review_reason": "",
        "versions-TOTAL_FORMS": "1",
        "versions-INITIAL_FORMS": "1",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
        "versions-0-id": entry.versions.get().pk,
        "versions-0-entry": entry.pk,
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry.refresh_from_db()
    assert (entry.law_checked_on, entry.reviewer) == (datetime.date(2026, 12, 15), "Sam Samordnare")
    change = ConfigChange.objects.of(QuestionEntry, entry.pk).get()
    assert change.changes["law_checked_on"]["new"] == "2026-12-15"
