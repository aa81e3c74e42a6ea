"""Factories for the training app: topics, questions with choices, editions with slots."""

import datetime

import factory

from training.models import Course, PracticalRequirement, Topic
from training.services import bank
from training.services.bank import ChoiceData, QuestionData


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"amne-{n}")
    name = factory.Sequence(lambda n: f"Ämne {n}")
    position = factory.Sequence(lambda n: n)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    year = 2026
    title = factory.Sequence(lambda n: f"LOTS-kursen {n}")
    opens_on = datetime.date(2026, 1, 1)
    closes_on = datetime.date(2026, 12, 31)
    pass_mark_percent = 80
    topic_minimum_percent = 60


def question(topic, text=None, *, correct="Rätt", wrong=("Fel A", "Fel B"), course=None, **kw):
    """A ready single-choice question (with ``correct`` the right answer), put in ``course``."""
    data = QuestionData(
        type=kw.pop("type", "single"),
        text=text or f"Fråga {factory.random.randgen.random()}",
        choices=(ChoiceData(correct, True), *(ChoiceData(w, False) for w in wrong)),
        explanation=kw.pop("explanation", "Därför att lagen säger så."),
        source=kw.pop("source", "PBL 9 kap. 27 §"),
    )
    entry = bank.create_question(topic=topic, data=data, **kw)
    if course is not None:
        from training.services.course import add_questions

        add_questions(course=course, entries=[entry])
    return entry


def requirement(course, kind="company_visit", count=1):
    return PracticalRequirement.objects.create(course=course, kind=kind, required_count=count)
