"""The course page, the topic page and the coordinator overview cost the same number of queries
whatever the amount of data."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import DepartmentFactory, official
from training.models import PracticalActivity
from training.services import attempts

from .conftest import items_of
from .factories import TopicFactory, question, requirement

pytestmark = pytest.mark.django_db

COURSE_PAGE = 12
TOPIC_PAGE = 8
COORDINATOR_OVERVIEW = 7


def grow(course, *, topics: int, per_topic: int, people: int):
    """Make the edition larger and give more participants answers and activities."""
    for t in range(topics):
        topic = TopicFactory(code=f"extra-{t}", name=f"Extra {t}", position=10 + t)
        for q in range(per_topic):
            question(topic, f"Extra {t}.{q}?", course=course)
    req = requirement(course, "company_visit", 2)
    for p in range(people):
        department = DepartmentFactory(code=f"avd-{p % 3}", name=f"Avdelning {p % 3}")
        user = official(department, Role.LOTS)
        attempts.start_course(user=user, course=course)
        for item in items_of(user)[:3]:
            right = item.version.choices.filter(is_correct=True).values_list("pk", flat=True)
            attempts.answer_question(user=user, item_id=item.pk, choice_ids=list(right))
        PracticalActivity.objects.create(
            user=user,
            course=course,
            requirement=req,
            date="2026-01-10",
            place_or_department="Bageriet",
            learned="Mycket",
        )


@pytest.mark.parametrize("large", [False, True])
def test_course_page_query_count_is_fixed(
    client, lots, short_course, large, django_assert_num_queries
):
    if large:
        grow(short_course, topics=5, per_topic=6, people=6)
    attempts.start_course(user=lots, course=short_course)
    for item in items_of(lots)[:2]:
        attempts.answer_question(user=lots, item_id=item.pk, choice_ids=[item.choice_order[0]])
    client.force_login(lots)
    with django_assert_num_queries(COURSE_PAGE):
        response = client.get(reverse("training:home"))
    assert response.status_code == 200


@pytest.mark.parametrize("large", [False, True])
def test_topic_page_query_count_is_fixed(
    client, lots, short_course, large, django_assert_num_queries
):
    if large:
        grow(short_course, topics=2, per_topic=20, people=3)
    attempts.start_course(user=lots, course=short_course)
    items = items_of(lots)
    for item in items[:1]:
        attempts.answer_question(user=lots, item_id=item.pk, choice_ids=[item.choice_order[0]])
    client.force_login(lots)
    topic_id = items[-1].topic_id  # the biggest topic when large
    with django_assert_num_queries(TOPIC_PAGE):
        response = client.get(reverse("training:topic", args=[short_course.pk, topic_id]))
    assert response.status_code == 200


@pytest.mark.parametrize("large", [False, True])
def test_coordinator_overview_query_count_is_fixed(
    client, samordnare, short_course, large, django_assert_num_queries
):
    if large:
        grow(short_course, topics=2, per_topic=3, people=9)
    client.force_login(samordnare)
    with django_assert_num_queries(COORDINATOR_OVERVIEW):
        response = client.get(reverse("training:coordinator"))
    assert response.status_code == 200
