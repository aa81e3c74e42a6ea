"""The operator rotates SECRET_KEY (keeping the old one in SECRET_KEY_FALLBACKS for a while):
survey links the business already has keep working, and reminders carry a link that works."""

from datetime import timedelta

import pytest
from django.utils import timezone

from public.models import SurveyInvitation, SurveyResponse
from public.services.submissions import submit_matter
from public.services.survey import send_survey_invitations
from tests.public.conftest import keyed

from .test_survey import ANSWERS, BUSINESS, finish, survey_mails

pytestmark = pytest.mark.django_db

OLD_KEY = "the-key-the-invitation-was-made-with-0123456789"  # noqa: S105
NEW_KEY = "the-key-after-the-rotation-9876543210-abcdefghij"  # noqa: S105


def survey_path(mail) -> str:
    return "/foretag/enkat/" + mail.context["survey_url"].split("/foretag/enkat/")[1]


@pytest.fixture
def case(outdoor_seating):
    return submit_matter(
        org_number="556036-0793",
        company_name="Café Torget AB",
        contact_name="Kim Karlsson",
        email=BUSINESS,
        case_type=outdoor_seating,
        description="Uteservering på torget.",
    ).case


@pytest.fixture
def invited(case, street_officer, settings):
    """The case was finished and its business invited while OLD_KEY was the secret key."""
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD_KEY, []
    settings.SURVEY_REMINDER_DAYS = [7, 14, 21]
    finish(case, street_officer)
    send_survey_invitations()
    [mail] = survey_mails()
    return mail


def rotate(settings, *, keep_old: bool) -> None:
    settings.SECRET_KEY = NEW_KEY
    settings.SECRET_KEY_FALLBACKS = [OLD_KEY] if keep_old else []


def reminder_after(days: int):
    start = SurveyInvitation.objects.get().first_sent_at
    assert send_survey_invitations(now=start + timedelta(days=days)) == (0, 1)
    return survey_mails().get(context__reminder=1)


def test_a_link_sent_before_the_key_was_rotated_still_opens_the_survey(client, invited, settings):
    rotate(settings, keep_old=True)

    assert "Hur tyckte du att det gick?" in client.get(survey_path(invited)).content.decode()
    assert client.post(survey_path(invited), keyed(ANSWERS)).status_code == 200
    assert SurveyResponse.objects.get().effektivitet == 3


def test_a_reminder_after_the_rotation_repeats_the_link_the_business_already_has(
    client, invited, settings
):
    rotate(settings, keep_old=True)

    reminder = reminder_after(days=7)

    assert survey_path(reminder) == survey_path(invited)
    assert "Hur tyckte du att det gick?" in client.get(survey_path(reminder)).content.decode()


def test_once_the_old_key_is_dropped_a_reminder_brings_a_new_link_that_works(
    client, invited, settings
):
    rotate(settings, keep_old=False)

    reminder = reminder_after(days=7)

    assert survey_path(reminder) != survey_path(invited)
    assert "Hur tyckte du att det gick?" in client.get(survey_path(reminder)).content.decode()
    client.post(survey_path(reminder), keyed(ANSWERS))
    assert SurveyResponse.objects.filter(answered_at__lte=timezone.now()).count() == 1
