"""Issue 13, defect 9: after a retake the start page showed the retake's own progress ("10 av
10") instead of the whole course's; there was no "continue where you left off"; a retake was
offered only after every question of the course was answered."""

import pytest
from django.urls import reverse

from training.models import Attempt, CourseResult, TopicResult

from .conftest import answer, items_of

pytestmark = pytest.mark.django_db


def home(client) -> str:
    return client.get(reverse("training:home")).content.decode()


def test_after_a_retake_the_start_page_shows_progress_over_the_whole_course(
    client, lots, short_course
):
    client.force_login(lots)
    client.post(reverse("training:start", args=[short_course.pk]))
    bygg, miljo = short_course.topics
    for item in items_of(lots, bygg):
        answer(client, item, correct=True)
    for item in items_of(lots, miljo):
        answer(client, item, correct=False)
    assert "4 av 4 frågor besvarade" in home(client)

    client.post(reverse("training:retake", args=[short_course.pk]))
    assert "2 av 4 frågor besvarade" in home(client)  # not "0 av 2"
    answer(client, items_of(lots, miljo)[0], correct=True)
    page = home(client)
    assert "3 av 4 frågor besvarade" in page
    for topic in (bygg, miljo):  # both topics stay linked from their rows
        assert f'/amne/{topic.pk}/">{topic.name}</a>' in page


def test_the_start_page_leads_to_the_next_unanswered_question(client, lots, short_course):
    client.force_login(lots)
    client.cookies["django_language"] = "en"  # the link's Swedish text comes with the integrator
    client.post(reverse("training:start", args=[short_course.pk]))
    bygg, miljo = short_course.topics
    first, second = items_of(lots, bygg)
    answer(client, first)

    page = home(client)
    assert "Continue where you left off" in page
    assert f'href="/utbildning/{short_course.pk}/amne/{bygg.pk}/#item-{second.pk}"' in page
    answer(client, second)
    next_one = items_of(lots, miljo)[0]
    assert f"/amne/{miljo.pk}/#item-{next_one.pk}" in home(client)


def test_a_failed_topic_is_retaken_at_once_while_the_course_goes_on(
    client, lots, short_course, django_capture_on_commit_callbacks
):
    client.force_login(lots)
    client.cookies["django_language"] = "en"
    client.post(reverse("training:start", args=[short_course.pk]))
    bygg, miljo = short_course.topics
    for item in items_of(lots, bygg):
        answer(client, item, correct=False)
    page = home(client)
    assert "Retake Bygglov och plan" in page and "Retake Miljö och hälsa" not in page

    response = client.post(reverse("training:retake", args=[short_course.pk]), {"topic": bygg.pk})
    assert response.url == reverse("training:topic", args=[short_course.pk, bygg.pk])
    assert Attempt.objects.filter(user=lots, state="in_progress").count() == 2
    assert "Retake Bygglov" not in home(client)  # one retake at a time
    retake = Attempt.objects.get(user=lots, is_retake=True)
    for item in retake.items.select_related("version"):
        answer(client, item, correct=True)
    assert TopicResult.objects.get(user=lots, topic=bygg).passed_at is not None
    assert not CourseResult.objects.filter(user=lots).exists()  # the course is not done yet
    page = home(client)
    assert "2 of 4 questions answered" in page
    assert f"/amne/{miljo.pk}/#item-" in page  # on with the rest of the course

    with django_capture_on_commit_callbacks(execute=True):
        for item in items_of(lots, miljo):
            answer(client, item, correct=True)
    result = CourseResult.objects.get(user=lots, course=short_course)
    assert result.passed_at is not None and result.percent == 100


def test_a_topic_not_done_or_already_passed_is_not_retaken(client, lots, short_course):
    client.force_login(lots)
    client.cookies["django_language"] = "en"
    client.post(reverse("training:start", args=[short_course.pk]))
    bygg, miljo = short_course.topics
    for item in items_of(lots, bygg):
        answer(client, item, correct=True)
    url = reverse("training:retake", args=[short_course.pk])

    page = client.post(url, {"topic": miljo.pk}, follow=True).content.decode()
    assert "Answer every question of the topic before you retake it." in page
    page = client.post(url, {"topic": bygg.pk}, follow=True).content.decode()
    assert "You have passed this topic already." in page
    assert not Attempt.objects.filter(is_retake=True).exists()
