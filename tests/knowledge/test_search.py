"""Full-text search in Swedish with the case search's rules, and the header search's provider
``knowledge.selectors.search_articles``."""

import pytest
from django.urls import reverse

from accounts.models import Role
from knowledge.selectors import search_articles
from notifications.models import OutboxMessage
from notifications.services import render_message
from tests.factories import DepartmentFactory, official

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(write):
    return {
        "servering": write(
            question="Hur lång tid tar ett serveringstillstånd?",
            answer="Cirka åtta veckor för ett stadigvarande tillstånd.",
            legal_sources="Alkohollagen (2010:1622)",
            publish=True,
        ),
        "kafe": write(
            question="Vad krävs för att öppna ett kafé?",
            answer="Registrera livsmedelsanläggningen två veckor före start.",
            legal_sources="",
            publish=True,
        ),
        "draft": write(question="Utkast om uteserveringar", legal_sources=""),
    }


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("servering", {"servering"}),  # inside a compound
        ("serveringstill", {"servering"}),  # a prefix
        ("kaféer", {"kafe"}),  # an inflection (the Swedish stemmer)
        ("alkohollagen", {"servering"}),  # the legal source
        ("hoppborg", set()),
    ],
)
def test_the_search_finds_compounds_prefixes_and_inflections(bank, builder, text, found):
    stranger = official(DepartmentFactory(code="annan"), Role.LOTS)
    results = {r.title for r in search_articles(user=stranger, query=text, limit=10)}
    assert results == {bank[key].question for key in found}


def test_the_header_search_gives_titles_addresses_and_snippets(bank, builder):
    [result] = search_articles(user=builder, query="kafé", limit=5)
    assert result.url == reverse("knowledge:detail", args=[bank["kafe"].pk])
    assert result.snippet.startswith("Registrera")
    assert search_articles(user=builder, query="", limit=5) == []


def test_the_header_search_on_every_page_finds_articles_after_the_cases(bank, builder, client):
    client.force_login(builder)
    html = client.get(reverse("search"), {"q": "serveringstillstånd"}).content.decode()
    assert "Hur lång tid tar ett serveringstillstånd?" in html
    assert reverse("knowledge:detail", args=[bank["servering"].pk]) in html
    assert (
        "Utkast om uteserveringar"
        not in client.get(reverse("search"), {"q": "kafé"}).content.decode()
    )


def test_drafts_are_found_only_by_their_department(bank, builder):
    stranger = official(DepartmentFactory(code="annan"), Role.LOTS)
    assert search_articles(user=stranger, query="uteserveringar", limit=5) == []
    assert [r.title for r in search_articles(user=builder, query="uteserveringar", limit=5)] == [
        "Utkast om uteserveringar"
    ]


def test_the_review_notice_reads_well(write, bygg):
    from datetime import timedelta

    from django.utils import timezone

    from knowledge.models import Article
    from knowledge.services.review import flag_stale_articles

    bygg.inbox_email = "bygg@exempelby.se"
    bygg.save()
    article = write(publish=True)
    Article.objects.filter(pk=article.pk).update(
        review_due_on=timezone.localdate() - timedelta(days=3)
    )
    flag_stale_articles()
    message = OutboxMessage.objects.get(template="knowledge/email/review_due")
    message.language = "en"
    subject, body = render_message(message)
    assert subject == "Knowledge-bank articles due for review (Samhällsbyggnad)"
    assert article.question in body
    assert reverse("knowledge:detail", args=[article.pk]) in body
