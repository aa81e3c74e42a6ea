"""From the daily work to the course: an official proposes, the coordinator makes a question."""

import pytest
from django.urls import reverse

from training.models import Course, ProposalStatus, QuestionProposal, VersionStatus

from .factories import TopicFactory

pytestmark = pytest.mark.django_db


def test_an_official_proposes_a_question_from_a_case(client, lots):
    topic = TopicFactory(code="livsmedel", name="Livsmedel")
    client.force_login(lots)
    page = client.get(reverse("training:propose"), {"arende": "MHN 2026/41"}).content.decode()
    assert 'value="MHN 2026/41"' in page
    page = client.post(
        reverse("training:propose"),
        {
            "draft_text": "Måste en foodtruck registreras i varje kommun den står i?",
            "suggested_topic": topic.pk,
            "case_reference": "MHN 2026/41",
        },
        follow=True,
    ).content.decode()
    assert "Tack! Samordnaren tittar på ditt förslag." in page
    proposal = QuestionProposal.objects.get()
    assert (proposal.proposed_by, proposal.case_reference) == (lots, "MHN 2026/41")


def test_the_coordinator_turns_a_proposal_into_a_draft_for_next_years_edition(
    client, lots, samordnare, short_course
):
    topic = TopicFactory(code="livsmedel", name="Livsmedel")
    proposal = QuestionProposal.objects.create(
        proposed_by=lots, draft_text="Foodtruck och registrering?", suggested_topic=topic
    )
    client.force_login(samordnare)
    assert (
        "Foodtruck och registrering?" in client.get(reverse("training:proposals")).content.decode()
    )
    url = reverse("training:proposal_review", args=[proposal.pk])
    page = client.post(
        url,
        {
            "accept": "1",
            "topic": topic.pk,
            "type": "single",
            "text": "Var registreras en foodtruck?",
            "choices": "* Där ägaren bor\nI varje kommun",
            "explanation": "",
            "source": "",
        },
    ).content.decode()
    assert "Detta fält måste fyllas i." in page  # the explanation; what was typed stays
    assert "I varje kommun" in page

    client.post(
        url,
        {
            "accept": "1",
            "topic": topic.pk,
            "type": "single",
            "text": "Var registreras en foodtruck?",
            "choices": "* Där ägaren bor\nI varje kommun",
            "explanation": "Registreringen görs där verksamhetsutövaren har sitt säte.",
            "source": "Förordning (2006:813) om livsmedel",
        },
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.reviewer == samordnare
    next_year = Course.objects.get(year=short_course.year + 1)
    assert next_year.slots.filter(entry=proposal.created_entry).exists()
    version = proposal.created_entry.versions.get()
    assert version.status == VersionStatus.DRAFT
    assert [(c.text, c.is_correct) for c in version.choices.all()] == [
        ("Där ägaren bor", True),
        ("I varje kommun", False),
    ]
    # This year's edition is untouched.
    assert short_course.slots.count() == 4


def test_a_plain_lots_cannot_review_proposals(client, lots):
    proposal = QuestionProposal.objects.create(proposed_by=lots, draft_text="Fråga?")
    client.force_login(lots)
    url = reverse("training:proposal_review", args=[proposal.pk])
    assert client.post(url, {"reject": "1"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NEW


def test_the_coordinator_closes_a_proposal(client, lots, samordnare):
    proposal = QuestionProposal.objects.create(proposed_by=lots, draft_text="Fråga?")
    client.force_login(samordnare)
    page = client.post(
        reverse("training:proposal_review", args=[proposal.pk]),
        {"reject": "1", "comment": "Finns redan."},
        follow=True,
    ).content.decode()
    assert "Förslaget är avslutat." in page
    proposal.refresh_from_db()
    assert (proposal.status, proposal.review_comment) == (ProposalStatus.REJECTED, "Finns redan.")


def test_an_official_proposes_a_course_question_from_a_case_page(client):
    """From the daily work to the course: the case page links to the proposal form with the
    case number filled in."""
    from urllib.parse import quote

    from tests.cases.factories import a_case

    case = a_case()
    client.force_login(case.coordinator)

    detail = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Föreslå den till LOTS-kursen" in detail
    link = f"/utbildning/forslag/?arende={quote(case.number, safe='/')}"
    assert link in detail

    form_page = client.get(link).content.decode()
    assert f'value="{case.number}"' in form_page
