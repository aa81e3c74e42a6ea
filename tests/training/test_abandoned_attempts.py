"""An attempt left unfinished when its edition closes is *abandoned*: the coordinator no longer
counts it as in progress, the participant is told, and the finished topics keep their results."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import Role
from tests.factories import DepartmentFactory, official
from training.models import Attempt, AttemptState, TopicResult, TrainingEvent
from training.services import attempts
from training.tasks import abandon_unfinished_attempts

from .conftest import answer, items_of

pytestmark = pytest.mark.django_db


def overview_row(client, department: str) -> list[str]:
    """The figures of one department on the coordinator's overview, as shown."""
    page = client.get(reverse("training:coordinator")).content.decode()
    row = page.split(f"{department}</th>")[1].split("</tr>")[0]
    return [cell.split(">")[-1] for cell in row.split("</td>")[:-1]]


def close_edition(course, *, days_ago: int) -> None:
    """The coordinator moves the edition's dates (in the admin): it closed ``days_ago``."""
    course.closes_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    course.opens_on = course.closes_on - datetime.timedelta(days=90)
    course.save()


@pytest.fixture
def cecilia(short_course):
    """A participant who finished the first topic and left the second unanswered."""
    cecilia = official(DepartmentFactory(code="bygg", name="Samhällsbyggnad"), Role.LOTS)
    attempts.start_course(user=cecilia, course=short_course)
    bygg, _miljo = short_course.topics
    for item in items_of(cecilia, bygg):
        choice = item.version.choices.filter(is_correct=True).first()
        attempts.answer_question(user=cecilia, item_id=item.pk, choice_ids=[choice.pk])
    return cecilia


def test_an_attempt_unfinished_when_the_edition_closes_no_longer_counts_as_in_progress(
    client, samordnare, short_course, cecilia
):
    client.force_login(samordnare)
    # Members, started, in progress, passed, waiting approvals, diplomas.
    assert overview_row(client, "Samhällsbyggnad") == ["1", "1", "1", "0", "0", "0"]

    close_edition(short_course, days_ago=1)
    assert abandon_unfinished_attempts.delay().get() == 1

    assert overview_row(client, "Samhällsbyggnad") == ["1", "1", "0", "0", "0", "0"]
    attempt = Attempt.objects.get(user=cecilia)
    assert attempt.state == AttemptState.ABANDONED
    bygg, _miljo = short_course.topics
    assert TopicResult.objects.get(user=cecilia, topic=bygg).passed_at is not None
    [event] = TrainingEvent.objects.filter(kind="attempt_abandoned")
    assert (event.subject, event.course, event.payload["attempt"]) == (
        cecilia,
        short_course,
        attempt.pk,
    )

    # The nightly task runs again (or twice): nothing changes.
    assert abandon_unfinished_attempts.delay().get() == 0
    assert TrainingEvent.objects.filter(kind="attempt_abandoned").count() == 1


def test_an_attempt_is_still_in_progress_on_the_edition_s_last_day(short_course, cecilia):
    close_edition(short_course, days_ago=0)

    assert abandon_unfinished_attempts.delay().get() == 0
    assert Attempt.objects.get(user=cecilia).state == AttemptState.IN_PROGRESS


def test_the_participant_is_told_the_attempt_was_not_finished_in_time(
    client, short_course, cecilia
):
    close_edition(short_course, days_ago=3)
    abandon_unfinished_attempts.delay()

    client.force_login(cecilia)
    page = client.get(reverse("training:results", args=[short_course.pk])).content.decode()

    with translation.override("sv"):
        expected = translation.gettext(
            "You had not finished the course when it closed on %(closes)s. The topics you "
            "finished keep their results."
        ) % {"closes": date_format(short_course.closes_on)}
    assert expected in page


def test_when_the_close_date_is_moved_on_the_participant_retakes_what_was_not_finished(
    client, short_course, cecilia
):
    close_edition(short_course, days_ago=1)
    abandon_unfinished_attempts.delay()
    # The coordinator gives the stragglers two more weeks.
    short_course.closes_on = timezone.localdate() + datetime.timedelta(days=14)
    short_course.save()

    client.force_login(cecilia)
    response = client.post(reverse("training:retake", args=[short_course.pk]))

    assert response.status_code == 302
    retake = Attempt.objects.get(user=cecilia, state=AttemptState.IN_PROGRESS)
    _bygg, miljo = short_course.topics
    assert {item.topic for item in retake.items.all()} == {miljo}
    for item in items_of(cecilia):
        answer(client, item)
    assert Attempt.objects.get(pk=retake.pk).state == AttemptState.FINISHED
