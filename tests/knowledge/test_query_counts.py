"""Each knowledge-bank page is built with a fixed number of queries, whatever the amount of
articles, versions, votes and gaps."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Article
from knowledge.services.articles import edit_article
from knowledge.services.feedback import record_vote
from knowledge.services.gaps import count_empty_search

pytestmark = pytest.mark.django_db

# Session, user and roles (3) for the officials' pages, then the page itself: one query for
# a list, five for an article (the article with its vote counts, departments, case types,
# versions, history). The public pages read only the articles (no session is opened).
PINNED = {
    "list": 4,
    "search": 4,
    "detail": 8,
    "version": 4,
    "due": 4,
    "gaps": 4,
    "suggest": 4,
    "faq_list": 1,
    "faq_search": 1,
    "faq_detail": 1,
}


def _world(write, builder, bygg, n):
    from knowledge.services.articles import ArticleData

    articles = [
        write(question=f"Fråga {i} om uteservering", audience="public", publish=True)
        for i in range(n)
    ]
    first = articles[0]
    for i in range(n):
        data = ArticleData(
            question=first.question, answer=f"Svar {i}", owner_department=bygg, audience="public"
        )
        first = edit_article(article=first, by=builder, data=data)
        record_vote(article=first, helpful=bool(i % 2), once_key=f"key-{n}-{i}")
        count_empty_search(query=f"saknas {i}", place="internal")
    Article.objects.update(review_due_on=timezone.localdate() - timedelta(days=1))
    return first


def _urls(first):
    return {
        "list": reverse("knowledge:list"),
        "search": reverse("knowledge:list") + "?q=uteservering",
        "detail": reverse("knowledge:detail", args=[first.pk]),
        "version": reverse("knowledge:version", args=[first.pk, 1]),
        "due": reverse("knowledge:due"),
        "gaps": reverse("knowledge:gaps"),
        "suggest": reverse("knowledge:suggest") + "?title=uteserveringen",
        "faq_list": reverse("knowledge_public:list"),
        "faq_search": reverse("knowledge_public:list") + "?q=servering",
        "faq_detail": reverse("knowledge_public:detail", args=[first.pk]),
    }


def _counts(client, first, user):
    counts = {}
    for name, url in _urls(first).items():
        client.logout()
        if not name.startswith("faq"):
            client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("n", [2, 15])
def test_knowledge_pages_queries_do_not_grow(client, write, builder, bygg, samordnare, n):
    first = _world(write, builder, bygg, n)
    samordnare.memberships.create(department=bygg, role="samordnare")
    assert _counts(client, first, samordnare) == PINNED
