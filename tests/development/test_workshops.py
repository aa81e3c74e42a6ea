"""A DialogLab workshop as it is run: created with its five steps, business owners invited by
name and e-mail, insights worked on, notes per step, an idea recorded with why/what/how; and
the invited business owner is told when the idea is realised."""

import pytest
from django.urls import reverse

from development.models import Idea, Workshop
from development.services.ideas import move_idea
from development.workflow import IdeaStatus
from notifications.models import OutboxMessage

from .conftest import a_visit, an_insight

pytestmark = pytest.mark.django_db


def test_officials_run_a_workshop_and_record_an_idea(
    client, visitor, colleague, stranger, naringsliv, theme
):
    client.cookies["django_language"] = "en"
    insight = an_insight(
        visit=a_visit(by=visitor, department=naringsliv),
        by=visitor,
        theme=theme,
        departments=[naringsliv],
    )
    client.force_login(visitor)
    response = client.post(
        reverse("development:workshop_create"),
        {
            "title": "DialogLab lokaler",
            "date": "2026-11-20",
            "place": "Kommunhuset",
            "participants": [colleague.pk],
        },
        follow=True,
    )
    workshop = Workshop.objects.get()
    page = response.content.decode()
    for step in (
        "Why: the need for a change",
        "What: what should change",
        "How: exactly how it should change",
    ):
        assert step in page
    assert workshop.steps.count() == 5

    client.post(
        reverse("development:guest_add", args=[workshop.pk]),
        {"name": "Kim Företagare", "email": "Kim@Torget.example", "company_name": "Kafé Torget"},
    )
    client.post(reverse("development:insights_set", args=[workshop.pk]), {"insights": [insight.pk]})
    client.post(
        reverse("development:step_note", args=[workshop.pk]),
        {"number": 2, "notes": "Växande företag lämnar kommunen"},
    )
    page = client.get(reverse("development:workshop_detail", args=[workshop.pk])).content.decode()
    assert "Kim Företagare (Kafé Torget)" in page
    assert "Växande företag lämnar kommunen" in page
    assert "Svårt att hitta lokaler att växa i" in page

    form = client.get(reverse("development:idea_create"), {"workshop": workshop.pk}).content
    assert 'value="workshop" selected' in form.decode()
    client.post(
        reverse("development:idea_create"),
        {
            "title": "Lokalbank",
            "why": "Företag växer ur sina lokaler",
            "what": "En lokalbank",
            "how": "Månadsvis lista",
            "department": naringsliv.pk,
            "source": "workshop",
            "workshop": workshop.pk,
        },
    )
    idea = Idea.objects.get()
    assert idea.workshop == workshop
    page = client.get(reverse("development:workshop_detail", args=[workshop.pk])).content.decode()
    assert "Lokalbank" in page

    # Someone not running the workshop cannot change it.
    client.force_login(stranger)
    response = client.post(
        reverse("development:step_note", args=[workshop.pk]), {"number": 2, "notes": "Kapat"}
    )
    assert response.status_code == 400
    assert workshop.steps.get(number=2).notes == "Växande företag lämnar kommunen"

    # The invited business owner hears when the idea is realised.
    for step in ("preparing", "decided", "implementing", "realised"):
        idea = move_idea(idea=idea, by=visitor, to=step)
    assert idea.status == IdeaStatus.REALISED
    message = OutboxMessage.objects.get(template="development/email/idea_realised")
    assert message.recipient == "kim@torget.example"


def test_the_workshop_s_participants_change_after_it_is_created_on_its_timeline(
    client, visitor, colleague, stranger
):
    from django.urls import reverse as url_for
    from django.utils import timezone

    from development.models import DevelopmentEvent, WorkshopGuest
    from development.services.workshops import create_workshop, invite_business_owner

    client.cookies["django_language"] = "en"
    workshop = create_workshop(by=visitor, title="DialogLab", date=timezone.localdate())
    lisa = invite_business_owner(workshop=workshop, by=visitor, name="Lisa Företagare")
    client.force_login(visitor)

    response = client.post(
        url_for("development:officials_set", args=[workshop.pk]),
        {"participants": [visitor.pk, colleague.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "The officials taking part are saved." in page
    assert "Officials added: Kalle Kollega" in page
    response = client.post(
        url_for("development:guest_remove", args=[workshop.pk]), {"guest": lisa.pk}, follow=True
    )
    page = response.content.decode()
    assert "Business owners taken off: Lisa Företagare" in page
    assert not WorkshopGuest.objects.filter(workshop=workshop).exists()
    client.post(url_for("development:officials_set", args=[workshop.pk]), {"participants": []})
    assert not workshop.participants.exists()
    kinds = DevelopmentEvent.objects.filter(workshop=workshop, kind="workshop_people")
    assert kinds.count() == 4  # invited, officials added, guest removed, officials removed

    # A stranger is refused; the participants stay.
    other = create_workshop(by=visitor, title="Annan", date=timezone.localdate())
    client.force_login(stranger)
    response = client.post(
        url_for("development:officials_set", args=[other.pk]), {"participants": [stranger.pk]}
    )
    assert response.status_code == 400
    assert list(other.participants.all()) == [visitor]
