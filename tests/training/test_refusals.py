"""Refusals are domain errors with a message, never Django's bare PermissionDenied."""

import datetime

import pytest
from django.urls import reverse

from training.errors import NotPermitted, TransitionNotAllowed
from training.models import ActivityStatus, TrainingEvent
from training.services import diplomas, practical, proposals

from .factories import requirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(lots, short_course):
    return practical.log_activity(
        user=lots,
        course=short_course,
        requirement=requirement(short_course),
        date=datetime.date.today(),
        place_or_department="Bageriet",
        learned="Mycket.",
    )


def test_a_lots_cannot_review_an_activity(lots, activity):
    with pytest.raises(NotPermitted):
        practical.review_activity(activity=activity, by=lots, approve=True)


def test_a_reviewed_activity_cannot_be_reviewed_again(samordnare, activity):
    practical.review_activity(activity=activity, by=samordnare, approve=True)
    with pytest.raises(TransitionNotAllowed):
        practical.review_activity(activity=activity, by=samordnare, approve=False, comment="Nej")
    assert (
        TrainingEvent.objects.filter(kind__startswith="activity_").count() == 2
    )  # logged, approved


def test_a_coordinator_cannot_approve_their_own_activity(samordnare, short_course):
    own = practical.log_activity(
        user=samordnare,
        course=short_course,
        requirement=requirement(short_course),
        date=datetime.date.today(),
        place_or_department="Rådhuset",
        learned="Fullmäktige.",
    )
    with pytest.raises(NotPermitted):
        practical.review_activity(activity=own, by=samordnare, approve=True)
    own.refresh_from_db()
    assert own.status == ActivityStatus.SUBMITTED


def test_only_the_coordinator_closes_a_proposal_and_only_once(lots, samordnare):
    proposal = proposals.propose_question(by=lots, draft_text="Vad kostar ett bygglov?")
    with pytest.raises(NotPermitted):
        proposals.reject_proposal(proposal=proposal, by=lots)
    proposals.reject_proposal(proposal=proposal, by=samordnare)
    with pytest.raises(TransitionNotAllowed):
        proposals.reject_proposal(proposal=proposal, by=samordnare)


def test_a_lots_cannot_issue_diplomas_in_bulk(lots, short_course):
    with pytest.raises(NotPermitted):
        diplomas.issue_in_bulk(users=[lots], course=short_course, by=lots)


def test_a_lots_on_a_coordinator_page_is_told_why(client, lots):
    client.force_login(lots)
    response = client.get(reverse("training:pending"))
    assert response.status_code == 403
    assert str(NotPermitted.default_message) in response.content.decode()


@pytest.mark.parametrize("value", ["²", "٣", "-1", "1e3", "99999999999999999999", "", "abc"])
def test_a_bad_edition_in_the_address_is_ignored(client, samordnare, short_course, value):
    client.force_login(samordnare)
    for name in ("coordinator", "diplomas", "statistics", "interchange"):
        response = client.get(reverse(f"training:{name}"), {"kurs": value, "ar": value})
        assert response.status_code == 200, name
        assert short_course.title in response.content.decode()
