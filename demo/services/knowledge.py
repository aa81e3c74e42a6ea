"""The demo's one direct write in the knowledge bank: a stale article's last review set back
in time (the services only ever review "today")."""

from __future__ import annotations

from datetime import date

from knowledge.models import Article
from knowledge.services.articles import add_months


def backdate_review(*, article: Article, reviewed_on: date) -> None:
    Article.objects.filter(pk=article.pk).update(
        last_reviewed_on=reviewed_on,
        review_due_on=add_months(reviewed_on, article.review_interval_months),
    )
