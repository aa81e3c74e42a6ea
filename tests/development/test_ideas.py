"""Improvement ideas as officials use them: from an insight to a realised, published
improvement, the e-mail to the business owner, the public page; and the refusals."""

import pytest
from django.core import mail
from django.urls import reverse

from development.models import Idea
from development.workflow import IdeaStatus
from notifications.models import OutboxMessage

from .conftest import a_visit, an_idea, an_insight

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def _move(client, idea, to, reason=""):
    return client.post(
        reverse("development:idea_move", args=[idea.pk]), {"to": to, "reason": reason}, follow=True
    )


def test_an_idea_goes_from_an_insight_to_a_realised_published_improvement(
    english,
    visitor,
    publisher,
    naringsliv,
    theme,
    django_capture_on_commit_callbacks,
):
    client = english
    visit = a_visit(by=visitor, department=naringsliv, contact_email="kim@torget.example")
    insight = an_insight(visit=visit, by=visitor, theme=theme, departments=[naringsliv])
    client.force_login(visitor)
    form = client.get(reverse("development:idea_create"), {"insight": insight.pk}).content
    assert f'value="{insight.pk}"' in form.decode()

    response = client.post(
        reverse("development:idea_create"),
        {
            "title": "Lokalbank på webben",
            "why": "Företag hittar inga lediga lokaler.",
            "what": "En lista över lediga lokaler",
            "how": "Näringsliv publicerar varje månad",
            "expected_effect": "Fler etableringar",
            "department": naringsliv.pk,
            "owner": visitor.pk,
            "source": "visit",
            "insights": [insight.pk],
        },
        follow=True,
    )
    idea = Idea.objects.get()
    assert "Proposed" in response.content.decode()
    assert list(idea.insights.all()) == [insight]

    with django_capture_on_commit_callbacks(execute=True):
        for step in ("preparing", "decided", "implementing", "realised"):
            page = _move(client, idea, step).content.decode()
    assert "Realised" in page
    assert "Being implemented → Realised" in page
    moves = [(e.payload["from_status"], e.payload["to_status"]) for e in idea.events.all()[1:]]
    assert moves == [
        ("proposed", "preparing"),
        ("preparing", "decided"),
        ("decided", "implementing"),
        ("implementing", "realised"),
    ]
    # The business owner met on the visit is told (through the outbox), once.
    message = OutboxMessage.objects.get(template="development/email/idea_realised")
    assert message.recipient == "kim@torget.example"
    assert [m.to for m in mail.outbox] == [["kim@torget.example"]]
    assert "Lokalbank på webben" in mail.outbox[0].body
    assert "/foretag/forbattringar/" in mail.outbox[0].body

    # Not yet on the public page: publishing is a choice, by those allowed to publish.
    assert "Lokalbank på webben" not in client.get("/foretag/forbattringar/").content.decode()
    refused = client.post(reverse("development:idea_publish", args=[idea.pk]), {"published": "1"})
    assert refused.status_code == 400
    client.force_login(publisher)
    client.post(reverse("development:idea_publish", args=[idea.pk]), {"published": "1"})
    client.logout()
    public = client.get("/foretag/forbattringar/").content.decode()
    assert "Lokalbank på webben" in public and "Företag hittar inga lediga lokaler." in public
    # No personal data: not the company, not the business owner, not the officials.
    for personal in ("Kafé Torget", "Kim Företagare", "kim@torget", "Nora Näringsliv"):
        assert personal not in public


def test_a_move_the_table_forbids_is_refused(english, visitor, naringsliv):
    idea = an_idea(by=visitor, department=naringsliv)
    english.force_login(visitor)
    response = english.post(reverse("development:idea_move", args=[idea.pk]), {"to": "realised"})
    assert response.status_code == 400
    assert "That change of status is not allowed." in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PROPOSED


def test_a_rejection_needs_a_reason_and_the_idea_can_be_reopened(english, visitor, naringsliv):
    idea = an_idea(by=visitor, department=naringsliv)
    english.force_login(visitor)
    response = english.post(reverse("development:idea_move", args=[idea.pk]), {"to": "rejected"})
    assert response.status_code == 400
    assert "Say why the idea is rejected." in response.content.decode()

    page = _move(english, idea, "rejected", "Görs redan av regionen").content.decode()
    assert "Rejected: Görs redan av regionen" in page
    page = _move(english, idea, "proposed").content.decode()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PROPOSED and idea.rejection_reason == ""
    assert "Rejected → Proposed" in page


def test_a_stranger_may_read_but_not_edit_or_move_an_idea(english, visitor, stranger, naringsliv):
    idea = an_idea(by=visitor, department=naringsliv)
    english.force_login(stranger)
    assert english.get(reverse("development:idea_detail", args=[idea.pk])).status_code == 200
    assert english.get(reverse("development:idea_edit", args=[idea.pk])).status_code == 403
    response = english.post(
        reverse("development:idea_edit", args=[idea.pk]),
        {"title": "Kapad", "why": "x", "department": naringsliv.pk},
    )
    assert response.status_code == 403
    assert _move(english, idea, "preparing").status_code == 400
    idea.refresh_from_db()
    assert (idea.title, idea.status) == ("Lokalbank på webben", IdeaStatus.PROPOSED)


def test_the_owner_edits_an_idea_and_the_timeline_says_what_changed(english, visitor, naringsliv):
    idea = an_idea(by=visitor, department=naringsliv)
    english.force_login(visitor)
    response = english.post(
        reverse("development:idea_edit", args=[idea.pk]),
        {
            "title": "Lokalbank",
            "why": idea.why,
            "what": idea.what,
            "how": idea.how,
            "department": naringsliv.pk,
            "owner": visitor.pk,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Lokalbank" in page and "Changed: title" in page


def test_only_realised_ideas_are_published(client, publisher, naringsliv):
    idea = an_idea(by=publisher, department=naringsliv, status=IdeaStatus.DECIDED)
    client.force_login(publisher)
    response = client.post(reverse("development:idea_publish", args=[idea.pk]), {"published": "1"})
    assert response.status_code == 400
    idea.refresh_from_db()
    assert not idea.published


def test_the_public_page_in_swedish_lists_nothing_unpublished(client, visitor, naringsliv):
    an_idea(by=visitor, department=naringsliv, status=IdeaStatus.REALISED, title="Dold idé")
    response = client.get("/foretag/forbattringar/")
    assert response.status_code == 200
    assert "Dold idé" not in response.content.decode()


def test_an_idea_is_proposed_from_a_case_the_official_may_see(
    english, visitor, stranger, naringsliv
):
    from tests.cases.factories import a_case

    case = a_case(by=visitor, department=naringsliv)
    secret = a_case(by=visitor, department=naringsliv, confidential=True)
    english.force_login(stranger)
    page = english.get(reverse("cases:detail", args=[case.pk])).content.decode()
    link = f"{reverse('development:idea_create')}?case={case.pk}"
    assert link in page
    data = {
        "title": "Tydligare blankett",
        "why": "Företagen fyller i fel",
        "source": "case",
        "department": naringsliv.pk,
    }

    english.post(reverse("development:idea_create"), {**data, "case": case.pk})
    assert Idea.objects.get().case == case
    refused = english.post(reverse("development:idea_create"), {**data, "case": secret.pk})
    assert refused.status_code == 400
    assert Idea.objects.count() == 1
