"""The demo municipality's knowledge bank (a step of `seed_demo`; idempotent): about forty
articles across the course topics, written and published through the services by an official
of the owner department; some public (with English where written), some due for review."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Department, Membership, User
from knowledge.models import Article
from knowledge.services.articles import ArticleData, publish_article, write_article
from knowledge.workflow import Audience

from .knowledge_texts import ARTICLES
from .services.knowledge import backdate_review

ORIGIN = "demo"


def _authors() -> dict[str, User]:
    authors: dict[str, User] = {}
    for membership in Membership.objects.select_related("user", "department").order_by("pk"):
        authors.setdefault(membership.department.code, membership.user)
    return authors


def seed(report: Callable[[str], None]) -> None:
    if Article.objects.filter(origin=ORIGIN).exists():
        report("Knowledge bank: demo articles already exist; none added.")
        return
    departments = {d.code: d for d in Department.objects.all()}
    authors = _authors()
    long_ago = timezone.localdate() - timedelta(days=400)
    written = 0
    with transaction.atomic():
        for code, question, answer, sources, public, stale, q_en, a_en in ARTICLES:
            if code not in departments or code not in authors:
                continue
            author = authors[code]
            data = ArticleData(
                question=question,
                answer=answer,
                question_en=q_en,
                answer_en=a_en,
                legal_sources=sources,
                owner_department=departments[code],
                departments=[departments[code]],
                audience=Audience.PUBLIC if public else Audience.INTERNAL,
            )
            article = write_article(by=author, data=data, origin=ORIGIN)
            article = publish_article(article=article, by=author)
            if stale:
                backdate_review(article=article, reviewed_on=long_ago)
            written += 1
    report(f"Knowledge bank: {written} articles (public ones at /foretag/fragor/).")
