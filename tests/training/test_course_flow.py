"""A participant takes an edition through the pages: start, answer, resume, fail, retake, pass."""

import datetime

import pytest
from django.urls import reverse

from training.models import Attempt, AttemptItem, CourseResult, TopicResult

from .conftest import answer, items_of

pytestmark = pytest.mark.django_db


def test_participant_starts_answers_and_sees_feedback_at_once(client, lots, short_course):
    client.force_login(lots)
    page = client.get(reverse("training:home")).content.decode()
    assert "Starta kursen" in page
    assert "0 av 4 frågor besvarade" in page

    response = client.post(reverse("training:start", args=[short_course.pk]))
    bygg, miljo = short_course.topics
    assert response.url == reverse("training:topic", args=[short_course.pk, bygg.pk])
    page = client.get(response.url).content.decode()
    assert "Bygglov och plan: fråga 1?" in page and "Bygglov och plan: fråga 2?" in page
    assert "Miljö och hälsa" not in page.split("<h1")[1].split("</h1>")[0]

    first = items_of(lots, bygg)[0]
    page = client.post(
        f"/utbildning/fraga/{first.pk}/svara/",
        {f"q{first.pk}-choice": [first.version.choices.get(is_correct=True).pk]},
        follow=True,
    ).content.decode()
    assert "Rätt!" in page
    assert "Därför att lagen säger så." in page
    assert "PBL 9 kap. 27 §" in page
    assert "1 av 4 frågor besvarade" in page
    assert 'aria-valuenow="25"' in page


def test_answers_are_saved_and_the_participant_resumes_another_day(client, lots, short_course):
    client.force_login(lots)
    client.post(reverse("training:start", args=[short_course.pk]))
    bygg, _miljo = short_course.topics
    answer(client, items_of(lots, bygg)[0])
    client.logout()

    client.force_login(lots)
    page = client.get(reverse("training:home")).content.decode()
    assert "1 av 4 frågor besvarade" in page
    assert "Starta kursen" not in page
    assert "1 / 2" in page
    page = client.get(reverse("training:topic", args=[short_course.pk, bygg.pk])).content.decode()
    assert page.count('type="radio"') == 3  # only the unanswered question has a form
    assert Attempt.objects.filter(user=lots).count() == 1


def test_choices_are_shown_in_the_pinned_shuffled_order(client, lots, short_course):
    client.force_login(lots)
    client.post(reverse("training:start", args=[short_course.pk]))
    item = items_of(lots)[0]
    assert sorted(item.choice_order) == sorted(item.version.choices.values_list("pk", flat=True))
    page = client.get(
        reverse("training:topic", args=[short_course.pk, item.topic_id])
    ).content.decode()
    texts = dict(item.version.choices.values_list("pk", "text"))
    positions = [page.index(f'value="{pk}" id="c{item.pk}-{pk}"') for pk in item.choice_order]
    assert positions == sorted(positions), [texts[pk] for pk in item.choice_order]


def test_failing_one_topic_and_retaking_only_it_passes_the_course(
    client, lots, short_course, django_capture_on_commit_callbacks
):
    client.force_login(lots)
    client.post(reverse("training:start", args=[short_course.pk]))
    bygg, miljo = short_course.topics
    for item in items_of(lots, bygg):
        answer(client, item, correct=True)
    for item in items_of(lots, miljo):
        answer(client, item, correct=False)

    page = client.get(reverse("training:results", args=[short_course.pk])).content.decode()
    assert "Totalt: 50 %" in page
    assert "Inte godkänd än" in page
    assert TopicResult.objects.get(user=lots, topic=bygg).passed_at is not None
    assert TopicResult.objects.get(user=lots, topic=miljo).best_percent == 0
    assert "Gör om de ämnen du inte klarade" in page

    response = client.post(reverse("training:retake", args=[short_course.pk]))
    assert response.url == reverse("training:topic", args=[short_course.pk, miljo.pk])
    retake = Attempt.objects.get(user=lots, state="in_progress")
    assert retake.is_retake
    assert {i.topic for i in items_of(lots)} == {miljo}
    with django_capture_on_commit_callbacks(execute=True):
        for item in items_of(lots):
            answer(client, item, correct=True)

    result = CourseResult.objects.get(user=lots, course=short_course)
    assert result.passed_at is not None and result.percent == 100
    page = client.get(reverse("training:results", args=[short_course.pk])).content.decode()
    assert "Totalt: 100 %" in page
    assert "Gör om" not in page
    # The first attempt keeps the wrong answers it was given.
    assert AttemptItem.objects.filter(attempt__is_retake=False, is_correct=False).count() == 2


def test_retake_is_refused_while_an_attempt_is_under_way(client, lots, short_course):
    client.force_login(lots)
    client.post(reverse("training:start", args=[short_course.pk]))
    page = client.post(
        reverse("training:retake", args=[short_course.pk]), follow=True
    ).content.decode()
    assert "Gör klart det försök du har påbörjat först." in page


def test_deferred_feedback_shows_explanations_when_the_topic_is_finished(
    client, lots, short_course
):
    short_course.feedback_mode = "deferred"
    short_course.save()
    client.force_login(lots)
    client.post(reverse("training:start", args=[short_course.pk]))
    bygg, _ = short_course.topics
    first, second = items_of(lots, bygg)
    page = answer(client, first, follow=True).content.decode()
    assert "Svaret är sparat" in page
    assert "Därför att lagen säger så." not in page
    page = answer(client, second, follow=True).content.decode()
    assert page.count("Därför att lagen säger så.") == 2


def test_htmx_answer_returns_the_question_with_feedback_and_the_progress(
    client, lots, short_course
):
    client.force_login(lots)
    client.post(reverse("training:start", args=[short_course.pk]))
    item = items_of(lots)[0]
    response = answer(client, item, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="item-{item.pk}"' in page and "Rätt!" in page
    assert 'hx-swap-oob="true"' in page and "1 av 4 frågor besvarade" in page


def test_answering_after_the_close_date_is_refused(client, lots, short_course):
    client.force_login(lots)
    client.post(reverse("training:start", args=[short_course.pk]))
    item = items_of(lots)[0]
    short_course.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    short_course.opens_on = short_course.closes_on - datetime.timedelta(days=30)
    short_course.save()

    page = answer(client, item, follow=True).content.decode()
    assert "Kursen stängde" in page
    assert "Svar kan inte längre lämnas." in page
    item.refresh_from_db()
    assert item.answered_at is None


def test_answering_a_question_not_in_ones_attempt_is_refused(client, lots, short_course):
    from tests.factories import official

    other = official(full_name="Olle Annan")
    client.force_login(other)
    client.post(reverse("training:start", args=[short_course.pk]))
    others_item = items_of(other)[0]

    client.force_login(lots)
    assert answer(client, others_item).status_code == 404
    others_item.refresh_from_db()
    assert others_item.answered_at is None


def test_a_choice_from_another_question_is_refused(client, lots, short_course):
    client.force_login(lots)
    client.post(reverse("training:start", args=[short_course.pk]))
    first, second = items_of(lots)[:2]
    foreign = second.version.choices.first().pk
    page = client.post(
        f"/utbildning/fraga/{first.pk}/svara/", {f"q{first.pk}-choice": [foreign]}, follow=True
    ).content.decode()
    assert "finns inte bland tillgängliga alternativ" in page
    first.refresh_from_db()
    assert first.answered_at is None


def test_an_answer_cannot_be_changed(client, lots, short_course):
    client.force_login(lots)
    client.post(reverse("training:start", args=[short_course.pk]))
    item = items_of(lots)[0]
    answer(client, item, correct=False)
    page = answer(client, item, correct=True, follow=True).content.decode()
    assert "Du har redan svarat på frågan." in page
    item.refresh_from_db()
    assert item.is_correct is False


def test_official_outside_the_chosen_departments_is_not_enrolled(client, lots, short_course):
    from tests.factories import DepartmentFactory

    short_course.enrol_all_officials = False
    short_course.save()
    short_course.departments.add(DepartmentFactory(code="bygg", name="Bygg"))
    client.force_login(lots)
    page = client.get(reverse("training:home")).content.decode()
    assert "Det finns ingen kursomgång för dig just nu." in page
    assert client.post(reverse("training:start", args=[short_course.pk])).status_code == 404


def test_all_topics_passed_but_overall_below_the_mark_retakes_the_weakest(lots, short_course):
    from training.services import attempts

    short_course.topic_minimum_percent = 50
    short_course.save()
    attempts.start_course(user=lots, course=short_course)
    bygg, miljo = short_course.topics
    for item in items_of(lots):
        right = item.topic == bygg or item.position == 3  # miljö: one of two right
        pick = item.version.choices.filter(is_correct=right).first().pk
        attempts.answer_question(user=lots, item_id=item.pk, choice_ids=[pick])

    result = CourseResult.objects.get(user=lots)
    assert result.percent == 75 and result.passed_at is None
    retake = attempts.retake_failed_topics(user=lots, course=short_course)
    assert {i.topic for i in retake.items.all()} == {miljo}


def test_the_course_page_is_in_english_when_the_user_chooses_it(client, lots, short_course):
    client.force_login(lots)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("training:home")).content.decode()
    assert "Start the course" in page and "0 of 4 questions answered" in page


def test_an_edition_not_yet_open_offers_no_start(client, lots, short_course):
    short_course.opens_on = datetime.date.today() + datetime.timedelta(days=3)
    short_course.save()
    client.force_login(lots)
    page = client.get(reverse("training:home")).content.decode()
    assert "Starta kursen" not in page and "Kursen öppnar" in page
    page = client.post(reverse("training:start", args=[short_course.pk]), follow=True)
    assert "Kursen öppnar" in page.content.decode()
    assert not Attempt.objects.exists()
