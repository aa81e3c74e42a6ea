import datetime

import pytest
from django.utils import timezone

from training.models import AttemptItem

from .factories import CourseFactory, TopicFactory, question


@pytest.fixture
def short_course(db):
    """An open edition with two topics of two questions each (right answer: "Rätt")."""
    today = timezone.localdate()
    course = CourseFactory(
        year=today.year,
        title="LOTS-kursen",
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=60),
    )
    bygg = TopicFactory(code="bygglov", name="Bygglov och plan", position=1)
    miljo = TopicFactory(code="miljo", name="Miljö och hälsa", position=2)
    for topic in (bygg, miljo):
        for n in (1, 2):
            question(topic, f"{topic.name}: fråga {n}?", course=course)
    course.topics = (bygg, miljo)
    return course


def answer(client, item: AttemptItem, *, correct: bool = True, **extra):
    """Answer one shown question through the page, as the participant would."""
    choices = item.version.choices.filter(is_correct=correct)
    ids = [choices.first().pk]
    return client.post(f"/utbildning/fraga/{item.pk}/svara/", {f"q{item.pk}-choice": ids}, **extra)


def items_of(user, topic=None):
    items = AttemptItem.objects.filter(attempt__user=user, attempt__state="in_progress")
    if topic is not None:
        items = items.filter(topic=topic)
    return list(items.select_related("version").order_by("position"))
