"""Spreading the insights (each department's digest e-mail, idempotent) and the LOTS year (a
held visit logged as a practical activity for the coordinator to approve)."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Role
from development.models import VisitParticipant
from development.tasks import send_insight_digests_task
from notifications.models import OutboxMessage
from tests.factories import official
from tests.training.factories import CourseFactory, requirement
from training.models import ActivityStatus, PracticalActivity

from .conftest import a_visit, an_insight

pytestmark = pytest.mark.django_db


def test_each_department_gets_its_new_insights_once(
    visitor, naringsliv, bygg, theme, django_capture_on_commit_callbacks
):
    visit = a_visit(by=visitor, department=naringsliv)
    an_insight(visit=visit, by=visitor, theme=theme, departments=[naringsliv, bygg])
    an_insight(visit=visit, by=visitor, theme=theme, departments=[bygg], text="Bygglov tar tid")

    with django_capture_on_commit_callbacks(execute=True):
        assert send_insight_digests_task.delay().get() == 2
    sent = {m.to[0]: m for m in mail.outbox}
    assert set(sent) == {"naringsliv@kommun.example", "bygg@kommun.example"}
    assert "Bygglov tar tid" in sent["bygg@kommun.example"].body
    assert "Bygglov tar tid" not in sent["naringsliv@kommun.example"].body
    assert "Kafé Torget AB" in sent["bygg@kommun.example"].body
    # The subject's words are Swedish once locale/new/development.json is compiled.
    assert "Samhällsbyggnad" in sent["bygg@kommun.example"].subject

    # Run again: nothing new. A new insight: only that one, only to its department.
    assert send_insight_digests_task.delay().get() == 0
    an_insight(visit=visit, by=visitor, theme=theme, departments=[bygg], text="Ny insikt")
    assert send_insight_digests_task.delay().get() == 1
    latest = OutboxMessage.objects.order_by("-pk").first()
    assert latest.recipient == "bygg@kommun.example"
    assert [i["text"] for i in latest.context["insights"]] == ["Ny insikt"]


def test_a_held_visit_is_logged_in_the_lots_year_for_each_official_taking_part(
    client, visitor, colleague, naringsliv
):
    course = CourseFactory()
    requirement(course, kind="company_visit")
    visit = a_visit(
        by=visitor, department=naringsliv, held=False, participants=[visitor, colleague]
    )

    client.force_login(visitor)
    client.post(reverse("development:visit_held", args=[visit.pk]), {"notes": ""})

    activities = PracticalActivity.objects.filter(course=course).order_by("user__full_name")
    assert [(a.user, a.status) for a in activities] == [
        (colleague, ActivityStatus.SUBMITTED),
        (visitor, ActivityStatus.SUBMITTED),
    ]
    assert activities[0].place_or_department == "Kafé Torget AB"
    assert activities[0].requirement.kind == "company_visit"
    assert VisitParticipant.objects.filter(practical_activity__isnull=False).count() == 2

    # The coordinator finds them waiting for approval and approves one.
    coordinator = official(naringsliv, Role.SAMORDNARE)
    client.force_login(coordinator)
    pending = client.get(reverse("training:pending")).content.decode()
    assert "Kalle Kollega" in pending and "Nora Näringsliv" in pending
    client.post(
        reverse("training:review", args=[activities[0].pk]), {"decision": "approve", "comment": ""}
    )
    assert PracticalActivity.objects.filter(status=ActivityStatus.APPROVED).count() == 1


def test_no_activity_without_an_edition_asking_for_company_visits(client, visitor, naringsliv):
    CourseFactory()  # an edition without a company-visit requirement
    visit = a_visit(by=visitor, department=naringsliv, held=False)
    client.force_login(visitor)
    response = client.post(reverse("development:visit_held", args=[visit.pk]), {"notes": ""})
    assert response.status_code == 302
    assert PracticalActivity.objects.count() == 0
