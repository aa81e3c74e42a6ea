"""A stale article is flagged to its owner department, once, through the outbox."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Article, ArticleEvent
from knowledge.tasks import flag_stale_articles
from notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_a_stale_article_is_flagged_to_its_owner_once(
    write, bygg, client, builder, django_capture_on_commit_callbacks
):
    bygg.inbox_email = "bygg@exempelby.se"
    bygg.save()
    stale = write(question="Hur lång tid tar ett bygglov?", publish=True)
    fresh = write(question="Vad kostar ett bygglov?", publish=True)
    yesterday = timezone.localdate() - timedelta(days=1)
    Article.objects.filter(pk=stale.pk).update(review_due_on=yesterday)

    with django_capture_on_commit_callbacks(execute=True):
        assert flag_stale_articles() == 1
    assert flag_stale_articles() == 0  # the beat running again tells nobody twice

    mails = OutboxMessage.objects.filter(template="knowledge/email/review_due")
    assert [m.recipient for m in mails] == ["bygg@exempelby.se"]
    assert [a["question"] for a in mails[0].context["articles"]] == [
        "Hur lång tid tar ett bygglov?"
    ]
    assert ArticleEvent.objects.filter(article=stale, kind="stale_notice").count() == 1
    assert not ArticleEvent.objects.filter(article=fresh, kind="stale_notice").exists()

    client.force_login(builder)
    due = client.get(reverse("knowledge:due")).content.decode()
    assert "Hur lång tid tar ett bygglov?" in due and "Vad kostar ett bygglov?" not in due
    detail = client.get(reverse("knowledge:detail", args=[stale.pk])).content.decode()
    assert 'data-testid="stale"' in detail


def test_a_reviewed_article_due_again_is_told_about_again(write, bygg, builder):
    bygg.inbox_email = "bygg@exempelby.se"
    bygg.save()
    article = write(publish=True)
    Article.objects.filter(pk=article.pk).update(
        review_due_on=timezone.localdate() - timedelta(days=400)
    )
    assert flag_stale_articles() == 1
    Article.objects.filter(pk=article.pk).update(review_due_on=timezone.localdate())
    assert flag_stale_articles() == 1
