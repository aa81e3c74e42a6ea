"""Changing a visit after it is planned: edit a planned visit, correct a held visit's notes and
insights, cancel with a reason (through the moves table), and what a cancellation does to the
goal and to the LOTS-year activities logged for the visit."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from development.models import DevelopmentEvent, Visit, VisitParticipant
from development.selectors import goal_progress
from notifications.models import OutboxMessage
from tests.factories import official
from tests.training.factories import CourseFactory, requirement
from training.models import ActivityStatus, PracticalActivity

from .conftest import a_visit, an_insight

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def _kinds(visit):
    return list(DevelopmentEvent.objects.filter(visit=visit).values_list("kind", flat=True))


def test_a_planned_visit_is_changed_and_the_change_is_on_its_timeline(
    english, visitor, colleague, naringsliv
):
    client = english
    visit = a_visit(by=visitor, department=naringsliv, held=False, guests="Eva Ek")
    client.force_login(visitor)
    page = client.get(reverse("development:visit_edit", args=[visit.pk])).content.decode()
    assert "Eva Ek" in page and "Lära känna företaget" in page

    new_date = timezone.localdate() + datetime.timedelta(days=14)
    response = client.post(
        reverse("development:visit_edit", args=[visit.pk]),
        {
            "date": new_date.isoformat(),
            "purpose": "Tala om expansionen",
            "participants": [visitor.pk, colleague.pk],
            "guests": "Eva Ek\nKommunalråd Bo Berg",
            "notes": "",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "The visit is saved." in page
    assert "Tala om expansionen" in page and "Kommunalråd Bo Berg" in page
    assert "Kalle Kollega" in page and new_date.isoformat() in page
    assert "Visit edited" in page
    event = DevelopmentEvent.objects.get(visit=visit, kind="visit_edited")
    assert event.payload["fields"] == ["date", "guests", "participants", "purpose"]

    # Removing an official takes them off the visit.
    client.post(
        reverse("development:visit_edit", args=[visit.pk]),
        {"date": new_date.isoformat(), "purpose": "Tala om expansionen", "participants": []},
    )
    assert not VisitParticipant.objects.filter(visit=visit).exists()


def test_a_bad_date_keeps_what_was_typed(english, visitor, naringsliv):
    visit = a_visit(by=visitor, department=naringsliv, held=False)
    english.force_login(visitor)
    response = english.post(
        reverse("development:visit_edit", args=[visit.pk]),
        {"date": "31/31/2026", "purpose": "Nytt syfte som inte får försvinna"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid date." in page and "Nytt syfte som inte får försvinna" in page
    assert Visit.objects.get().purpose == "Lära känna företaget"


def test_a_held_visit_s_notes_and_insights_are_corrected(english, visitor, naringsliv, bygg, theme):
    client = english
    visit = a_visit(by=visitor, department=naringsliv)
    insight = an_insight(visit=visit, by=visitor, theme=theme, departments=[naringsliv])
    client.force_login(visitor)

    page = client.get(reverse("development:visit_edit", args=[visit.pk])).content.decode()
    assert "only its confidential notes can be corrected" in page
    assert 'name="purpose"' not in page and 'name="notes"' in page
    # A held visit's date cannot be moved: the field is not there, a posted one is ignored.
    client.post(
        reverse("development:visit_edit", args=[visit.pk]),
        {"notes": "Ägaren vill växa", "date": "2020-01-01"},
    )
    visit.refresh_from_db()
    assert visit.notes == "Ägaren vill växa" and visit.date != datetime.date(2020, 1, 1)

    response = client.post(
        reverse("development:insight_edit", args=[insight.pk]),
        {
            "kind": "problem",
            "theme": theme.pk,
            "text": "Bygglov för tillbyggnad dröjer",
            "departments": [naringsliv.pk, bygg.pk],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "The insight is corrected." in page and "Bygglov för tillbyggnad dröjer" in page
    assert "Samhällsbyggnad" in page and "Insight corrected" in page
    event = DevelopmentEvent.objects.get(visit=visit, kind="insight_edited")
    assert event.payload == {
        "insight": insight.pk,
        "fields": ["departments", "kind", "text"],
    }
    assert _kinds(visit)[-2:] == ["visit_edited", "insight_edited"]


def test_a_stranger_cannot_change_or_cancel_a_visit(client, visitor, stranger, naringsliv, theme):
    visit = a_visit(by=visitor, department=naringsliv, held=False)
    insight = an_insight(visit=visit, by=visitor, theme=theme, departments=[naringsliv])
    client.force_login(stranger)
    page = client.get(reverse("development:visit_detail", args=[visit.pk])).content.decode()
    assert reverse("development:visit_edit", args=[visit.pk]) not in page
    assert reverse("development:visit_cancel", args=[visit.pk]) not in page
    edit = reverse("development:visit_edit", args=[visit.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"date": "2030-01-01", "purpose": "x"}).status_code == 403
    assert client.get(reverse("development:insight_edit", args=[insight.pk])).status_code == 403
    cancel = reverse("development:visit_cancel", args=[visit.pk])
    assert client.post(cancel, {"reason": "Vill inte"}).status_code == 400
    visit.refresh_from_db()
    assert visit.status == "planned" and visit.purpose == "Lära känna företaget"


def test_a_cancelled_visit_says_why_and_counts_no_more(english, visitor, naringsliv):
    client = english
    year = timezone.localdate().year
    visit = a_visit(
        by=visitor,
        department=naringsliv,
        held=False,
        date=timezone.localdate() + datetime.timedelta(days=3),
    )
    assert goal_progress(year).planned == 1
    client.force_login(visitor)
    cancel = reverse("development:visit_cancel", args=[visit.pk])

    response = client.post(cancel, {"reason": ""})
    assert response.status_code == 400 and "This field is required." in response.content.decode()

    page = client.post(cancel, {"reason": "Ägaren är sjuk"}, follow=True).content.decode()
    assert "The visit is cancelled." in page and "Ägaren är sjuk" in page
    assert 'data-testid="visit-status">Cancelled<' in page
    assert "Visit cancelled" in page
    assert goal_progress(year).planned == 0 and goal_progress(year).held == 0

    # The moves table: a cancelled visit is neither held nor cancelled again, nor changed.
    response = client.post(reverse("development:visit_held", args=[visit.pk]), {"notes": ""})
    assert response.status_code == 400
    assert "A cancelled visit cannot be registered as held." in response.content.decode()
    response = client.post(cancel, {"reason": "Igen"})
    assert "The visit is already cancelled." in response.content.decode()
    response = client.post(
        reverse("development:visit_edit", args=[visit.pk]), {"date": "2030-01-01", "purpose": "x"}
    )
    assert response.status_code == 400
    assert "A cancelled visit cannot be changed." in response.content.decode()
    assert Visit.objects.get().status == "cancelled"


def test_the_cancel_page_is_swedish_by_default(client, visitor, naringsliv):
    visit = a_visit(by=visitor, department=naringsliv, held=False)
    client.force_login(visitor)
    response = client.post(reverse("development:visit_cancel", args=[visit.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Detta fält måste fyllas i." in response.content.decode()


def test_cancelling_a_held_visit_withdraws_its_waiting_activities_and_tells_the_coordinator(
    client, visitor, colleague, naringsliv, django_capture_on_commit_callbacks
):
    course: Any = CourseFactory()
    requirement(course, kind="company_visit")
    visit = a_visit(by=visitor, department=naringsliv, participants=[visitor, colleague])
    activities = {a.user: a for a in PracticalActivity.objects.filter(course=course)}
    assert set(activities) == {visitor, colleague}

    # The coordinator has approved the colleague's activity already.
    coordinator = official(naringsliv, Role.SAMORDNARE, email="samordnare@kommun.example")
    client.force_login(coordinator)
    client.post(
        reverse("training:review", args=[activities[colleague].pk]),
        {"decision": "approve", "comment": ""},
    )

    client.force_login(visitor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("development:visit_cancel", args=[visit.pk]),
            {"reason": "Registrerades som genomfört av misstag"},
        )
    assert response.status_code == 302
    # The waiting one is gone, the approved one stays.
    assert list(PracticalActivity.objects.values_list("user", "status")) == [
        (colleague.pk, ActivityStatus.APPROVED)
    ]
    event = DevelopmentEvent.objects.get(visit=visit, kind="visit_cancelled")
    assert (event.payload["from_status"], event.payload["withdrawn"], event.payload["kept"]) == (
        "held",
        1,
        1,
    )
    told = OutboxMessage.objects.get(template="development/email/visit_cancelled_approved")
    assert told.recipient == "samordnare@kommun.example"
    sent = [m for m in mail.outbox if m.to == ["samordnare@kommun.example"]]
    assert len(sent) == 1 and "Kalle Kollega" in sent[0].body
    assert "Registrerades som genomfört av misstag" in sent[0].body
    assert goal_progress(visit.date.year).held == 0

    # The coordinator's queue no longer has the withdrawn one.
    client.force_login(coordinator)
    pending = client.get(reverse("training:pending")).content.decode()
    assert "Nora Näringsliv" not in pending
