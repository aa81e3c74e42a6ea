"""Every kind of training history has one builder with a declared payload (training/events.py)."""

import pytest

from tests.factories import UserFactory
from training import events
from training.models import TrainingEvent, TrainingEventKind

from .factories import CourseFactory

pytestmark = pytest.mark.django_db


def build_every_kind(user, course):
    kind = TrainingEventKind
    return [
        events.course_created(course=course, by=user),
        events.course_copied(course=course, source=course, by=user),
        events.questions_added(course=course, count=3, by=user),
        events.question_created(entry=1, version=2, by=user),
        events.question_edited(entry=1, version=3, new_version=True, by=user),
        events.question_status(entry=1, status="retired", by=user),
        events.proposal_event(kind=kind.QUESTION_PROPOSED, proposal=4, by=user),
        events.proposal_event(kind=kind.PROPOSAL_ACCEPTED, proposal=4, by=user, course=course),
        events.proposal_event(kind=kind.PROPOSAL_REJECTED, proposal=5, by=user),
        events.attempt_started(user=user, course=course, attempt=6),
        events.question_answered(user=user, course=course, item=7, correct=False),
        events.topic_scored(user=user, course=course, topic=8, percent=75),
        events.course_scored(user=user, course=course, percent=80),
        events.retake_started(user=user, course=course, topics=[8]),
        events.attempt_abandoned(user=user, course=course, attempt=6, closed_on="2026-12-31"),
        events.activity_logged(user=user, course=course, activity=9),
        events.activity_reviewed(
            user=user, course=course, activity=9, approved=True, comment="Bra", by=user
        ),
        events.activity_reviewed(
            user=user, course=course, activity=9, approved=False, comment="Mer", by=user
        ),
        events.diploma_requested(user=user, course=course, by=user),
        events.diploma_issued(user=user, course=course, number="D-1", by=None),
        events.diploma_revoked(user=user, course=course, number="D-1", reason="Fel", by=user),
    ]


def test_every_training_event_kind_has_one_builder_and_a_declared_payload():
    assert sorted(events.PAYLOADS) == sorted(TrainingEventKind.values)
    assert sorted(events.BUILDERS) == sorted(TrainingEventKind.values)
    assert set(events.PERSONAL_KEYS) <= set(TrainingEventKind.values)
    for kind, keys in events.PERSONAL_KEYS.items():
        assert keys <= events.PAYLOADS[kind].__required_keys__


def test_every_builder_makes_its_kind_with_exactly_the_declared_keys():
    user, course = UserFactory(), CourseFactory()
    built = build_every_kind(user, course)
    assert sorted(event.kind for event in built) == sorted(TrainingEventKind.values)
    for event in built:
        assert set(event.payload) == events.PAYLOADS[event.kind].__required_keys__
        assert event.pk is None
    TrainingEvent.objects.bulk_create(built)
    assert TrainingEvent.objects.count() == len(TrainingEventKind.values)


def test_a_payload_that_differs_from_the_declared_one_is_refused():
    with pytest.raises(ValueError, match="declared"):
        events._new(TrainingEventKind.COURSE_SCORED, {"percent": 1, "extra": 2})
