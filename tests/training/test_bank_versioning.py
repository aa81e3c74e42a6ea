import pytest

from training.errors import TrainingError
from training.models import Attempt, AttemptItem, QuestionVersion
from training.services import bank
from training.services.bank import ChoiceData, QuestionData

from .factories import CourseFactory, TopicFactory, question

pytestmark = pytest.mark.django_db


def data(text="Hur lång är handläggningstiden för bygglov?", correct="10 veckor"):
    return QuestionData(
        type="single",
        text=text,
        choices=(ChoiceData(correct, True), ChoiceData("3 veckor", False)),
        explanation="Beslut inom tio veckor från komplett ansökan.",
        source="PBL 9 kap. 27 §",
    )


def test_editing_a_question_nobody_has_seen_changes_it_in_place():
    entry = question(TopicFactory(), "Gammal text")

    version = bank.edit_question(entry=entry, data=data())

    assert version.number == 1
    assert entry.versions.count() == 1
    assert [c.text for c in version.choices.all()] == ["10 veckor", "3 veckor"]


def test_editing_an_answered_question_creates_a_new_version_and_keeps_the_old(lots):
    topic = TopicFactory()
    course = CourseFactory()
    entry = question(topic, "Gammal text", course=course)
    old = entry.versions.get()
    attempt = Attempt.objects.create(user=lots, course=course)
    AttemptItem.objects.create(attempt=attempt, version=old, topic=topic, position=1)

    new = bank.edit_question(entry=entry, data=data())

    assert new.number == 2
    old.refresh_from_db()
    assert old.text == "Gammal text"
    assert [c.text for c in old.choices.all()] == ["Rätt", "Fel A", "Fel B"]
    assert bank.latest_version(entry, status="ready") == new


@pytest.mark.parametrize(
    ("choices", "qtype", "message"),
    [
        ((("A", True), ("B", True)), "single", "exakt ett rätt"),
        ((("A", False), ("B", False)), "multiple", "minst ett rätt"),
        ((("A", True),), "single", "minst två"),
        ((("Sant", True), ("Falskt", False), ("Kanske", False)), "true_false", "exakt två"),
        ((("A", True), ("A", False)), "single", "samma text"),
    ],
)
def test_malformed_questions_are_refused_with_a_swedish_reason(choices, qtype, message):
    bad = QuestionData(
        type=qtype,
        text="En fråga",
        choices=tuple(ChoiceData(t, c) for t, c in choices),
        explanation="Förklaring",
    )
    with pytest.raises(TrainingError) as error:
        bank.create_question(topic=TopicFactory(), data=bad)
    assert message in error.value.message
    assert not QuestionVersion.objects.exists()


def test_a_question_without_explanation_is_refused():
    bad = QuestionData(
        type="single",
        text="En fråga",
        choices=(ChoiceData("A", True), ChoiceData("B", False)),
        explanation=" ",
    )
    with pytest.raises(TrainingError, match="förklaring"):
        bank.create_question(topic=TopicFactory(), data=bad)


def test_the_course_asks_the_latest_ready_version_and_never_a_draft_or_hidden_one(
    client, lots, short_course
):
    from django.urls import reverse

    from tests.factories import official
    from training.models import VersionStatus
    from training.services import attempts

    bygg, miljo = short_course.topics
    first, second = [s.entry for s in short_course.slots.filter(entry__topic=bygg)]
    attempts.start_course(user=official(), course=short_course)  # version 1 has been shown
    bank.edit_question(entry=first, data=data("Nytt utkast?"), status=VersionStatus.DRAFT)
    bank.set_question_status(entry=second, status=VersionStatus.HIDDEN)

    client.force_login(lots)
    page = client.get(reverse("training:home")).content.decode()
    assert "0 av 3 frågor besvarade" in page
    client.post(reverse("training:start", args=[short_course.pk]))
    page = client.get(reverse("training:topic", args=[short_course.pk, bygg.pk])).content.decode()
    assert "Bygglov och plan: fråga 1?" in page
    assert "Nytt utkast?" not in page and "Bygglov och plan: fråga 2?" not in page
