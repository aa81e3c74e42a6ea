import datetime

import pytest

from training.models import Attempt, Course, CourseResult
from training.services.course import copy_course

from .factories import CourseFactory, TopicFactory, question, requirement

pytestmark = pytest.mark.django_db


def test_next_years_edition_is_created_from_last_years_with_one_action(lots, department):
    last = CourseFactory(
        year=2025,
        opens_on=datetime.date(2025, 2, 1),
        closes_on=datetime.date(2025, 11, 30),
        pass_mark_percent=75,
    )
    last.departments.add(department)
    topic = TopicFactory()
    entries = [question(topic, f"Fråga {i}", course=last) for i in range(3)]
    requirement(last, "company_visit", 2)
    requirement(last, "council_meeting", 1)
    Attempt.objects.create(user=lots, course=last)
    CourseResult.objects.create(user=lots, course=last, percent=90)

    new = copy_course(source=last, year=2026)

    assert (new.year, new.title, new.pass_mark_percent) == (2026, last.title, 75)
    assert (new.opens_on, new.closes_on) == (datetime.date(2026, 2, 1), datetime.date(2026, 11, 30))
    assert [s.entry for s in new.slots.all()] == entries
    assert sorted(new.requirements.values_list("kind", "required_count")) == [
        ("company_visit", 2),
        ("council_meeting", 1),
    ]
    assert list(new.departments.all()) == [department]
    assert not new.attempts.exists() and not new.results.exists()
    # Last year's results are untouched.
    assert last.attempts.count() == 1 and last.results.count() == 1
    assert Course.objects.count() == 2


def test_copying_twice_to_the_same_year_is_refused():
    last = CourseFactory(year=2025)
    copy_course(source=last, year=2026)
    from training.errors import TrainingError

    with pytest.raises(TrainingError):
        copy_course(source=last, year=2026)
