"""The practical LOTS year: the participant logs, the coordinator approves or returns."""

import datetime

import pytest
from django.urls import reverse

from training.models import ActivityStatus, PracticalActivity, TrainingEvent

from .factories import requirement

pytestmark = pytest.mark.django_db


def log(client, course, req, **overrides):
    data = {
        "requirement": req.pk,
        "date": (datetime.date.today() - datetime.timedelta(days=3)).isoformat(),
        "place_or_department": "Exempelby Bageri AB",
        "learned": "Hur bageriet upplevde vår livsmedelskontroll.",
        **overrides,
    }
    return client.post(reverse("training:practical", args=[course.pk]), data, follow=True)


def test_participant_logs_a_company_visit_and_the_coordinator_approves_it(
    client, lots, samordnare, short_course
):
    visit = requirement(short_course, "company_visit", 2)
    client.force_login(lots)
    page = log(client, short_course, visit).content.decode()
    assert "Aktiviteten är registrerad och väntar på samordnarens godkännande." in page
    assert "Väntar på godkännande" in page
    assert "Företagsbesök: 0 av 2 godkända" in page

    client.force_login(samordnare)
    page = client.get(reverse("training:pending")).content.decode()
    assert "Lotta Lots" in page and "Företagsbesök" in page
    activity = PracticalActivity.objects.get()
    page = client.post(
        reverse("training:review", args=[activity.pk]), {"decision": "approve"}, follow=True
    ).content.decode()
    assert "Aktiviteten är godkänd." in page
    assert "Ingenting väntar på godkännande." in page

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.APPROVED and activity.reviewer == samordnare
    assert TrainingEvent.objects.filter(kind="activity_approved", subject=lots).exists()
    client.force_login(lots)
    page = client.get(reverse("training:home")).content.decode()
    assert "Företagsbesök: 1 av 2 godkända" in page


def test_the_coordinator_returns_an_activity_with_a_comment(client, lots, samordnare, short_course):
    meeting = requirement(short_course, "council_meeting", 1)
    client.force_login(lots)
    log(client, short_course, meeting, place_or_department="Kommunfullmäktige")
    activity = PracticalActivity.objects.get()

    client.force_login(samordnare)
    url = reverse("training:review", args=[activity.pk])
    page = client.post(url, {"decision": "return", "comment": ""}).content.decode()
    assert "Skriv i en kommentar vad som saknas" in page
    client.post(url, {"decision": "return", "comment": "Skriv vilka ärenden som togs upp."})

    client.force_login(lots)
    page = client.get(reverse("training:practical", args=[short_course.pk])).content.decode()
    assert "Återskickad" in page and "Skriv vilka ärenden som togs upp." in page


def test_a_plain_lots_cannot_see_approvals_or_approve(client, lots, short_course):
    visit = requirement(short_course)
    client.force_login(lots)
    log(client, short_course, visit)
    activity = PracticalActivity.objects.get()

    assert client.get(reverse("training:pending")).status_code == 403
    response = client.post(reverse("training:review", args=[activity.pk]), {"decision": "approve"})
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.SUBMITTED


def test_a_date_in_the_future_is_refused_and_the_form_keeps_the_text(client, lots, short_course):
    visit = requirement(short_course)
    client.force_login(lots)
    future = (datetime.date.today() + datetime.timedelta(days=5)).isoformat()
    page = log(
        client, short_course, visit, date=future, learned="Mitt unika lärande"
    ).content.decode()
    assert "Datumet kan inte ligga i framtiden." in page
    assert "Mitt unika lärande" in page
    assert not PracticalActivity.objects.exists()


def test_a_requirement_of_another_edition_is_refused(client, lots, short_course):
    from .factories import CourseFactory

    other = requirement(CourseFactory(year=2020), "placement")
    requirement(short_course)
    client.force_login(lots)
    page = log(client, short_course, other).content.decode()
    assert "Välj ett giltigt alternativ" in page
    assert not PracticalActivity.objects.exists()


def test_a_requirement_already_met_cannot_be_logged_again(client, lots, samordnare, short_course):
    """Issue 13, defect 9: a met requirement could be registered again without end."""
    from django.utils import translation

    from training.errors import TrainingError
    from training.services.practical import log_activity

    meeting = requirement(short_course, "council_meeting", 1)
    client.force_login(lots)
    log(client, short_course, meeting, place_or_department="Kommunfullmäktige")
    client.force_login(samordnare)
    client.post(
        reverse("training:review", args=[PracticalActivity.objects.get().pk]),
        {"decision": "approve"},
    )

    client.force_login(lots)
    client.cookies["django_language"] = "en"
    page = log(client, short_course, meeting, place_or_department="Igen").content.decode()
    assert "is already met: 1 of 1 approved." in page
    assert "Igen" in page  # the form keeps what was typed
    assert PracticalActivity.objects.count() == 1
    with translation.override("en"), pytest.raises(TrainingError):
        log_activity(
            user=lots,
            course=short_course,
            requirement=meeting,
            date=datetime.date.today(),
            place_or_department="Direkt",
            learned="Något",
        )
