"""Writing, editing (versions), reviewing and publishing an article, through the pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from knowledge.models import Article, ArticleVersion
from tests.factories import DepartmentFactory, official

pytestmark = pytest.mark.django_db


def test_an_official_writes_a_draft_the_owner_edits_and_publishes_it(client, builder, bygg):
    client.force_login(builder)
    response = client.post(
        reverse("knowledge:create"),
        {
            "question": "Behöver jag bygglov för ett skärmtak?",
            "answer": "Ja, oftast. Ett skärmtak över 15 m² kräver bygglov.",
            "legal_sources": "Plan- och bygglagen 9 kap. 2 § | https://www.riksdagen.se/",
            "audience": "public",
            "owner_department": bygg.pk,
            "departments": [bygg.pk],
            "review_interval_months": 6,
        },
    )
    article = Article.objects.get()
    assert response.url == reverse("knowledge:detail", args=[article.pk])
    assert article.status == "draft" and article.version_number == 1

    client.post(
        reverse("knowledge:edit", args=[article.pk]),
        {
            "question": "Behöver jag bygglov för ett skärmtak?",
            "answer": "Ett skärmtak över 15 m² kräver bygglov; mindre kan vara bygglovsfritt.",
            "legal_sources": "Plan- och bygglagen 9 kap. 2 §",
            "audience": "public",
            "owner_department": bygg.pk,
            "review_interval_months": 6,
        },
    )
    client.post(reverse("knowledge:action", args=[article.pk, "publicera"]))
    article.refresh_from_db()
    assert article.status == "published" and article.version_number == 2
    assert article.last_reviewed_on == timezone.localdate()
    assert article.last_reviewed_by == builder
    assert article.review_due_on is not None

    page = client.get(reverse("knowledge:detail", args=[article.pk])).content.decode()
    assert "mindre kan vara bygglovsfritt" in page
    assert "Bodil Bygglov" in page
    old = client.get(reverse("knowledge:version", args=[article.pk, 1])).content.decode()
    assert "Ett skärmtak över 15 m² kräver bygglov." in old
    assert "bygglovsfritt" not in old
    assert ArticleVersion.objects.filter(article=article).count() == 2


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(client, builder, bygg):
    client.force_login(builder)
    response = client.post(
        reverse("knowledge:create"),
        {
            "question": "Får jag sälja glass på torget?",
            "answer": "",
            "audience": "internal",
            "owner_department": bygg.pk,
            "review_interval_months": 12,
        },
    )
    assert response.status_code == 200
    assert "Får jag sälja glass på torget?" in response.content.decode()
    assert Article.objects.count() == 0


def test_only_the_owner_department_publishes(client, write):
    article = write()
    stranger = official(DepartmentFactory(code="annan"), Role.LOTS)
    client.force_login(stranger)
    response = client.post(reverse("knowledge:action", args=[article.pk, "publicera"]))
    assert response.status_code in (403, 404)
    article.refresh_from_db()
    assert article.status == "draft"


def test_reviewing_a_published_article_moves_its_next_review(client, write, builder):
    article = write(publish=True, review_interval_months=3)
    Article.objects.filter(pk=article.pk).update(
        last_reviewed_on="2020-01-01", review_due_on="2020-04-01"
    )
    client.force_login(builder)
    client.post(reverse("knowledge:action", args=[article.pk, "granskad"]))
    article.refresh_from_db()
    assert article.last_reviewed_on == timezone.localdate()
    assert article.review_due_on > timezone.localdate()


def test_an_archived_article_is_reopened_before_it_is_edited(client, write, builder):
    article = write(publish=True)
    client.force_login(builder)
    client.post(reverse("knowledge:action", args=[article.pk, "arkivera"]))
    article.refresh_from_db()
    assert article.status == "archived"
    client.post(reverse("knowledge:action", args=[article.pk, "ateroppna"]))
    article.refresh_from_db()
    assert article.status == "draft"
