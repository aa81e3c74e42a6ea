"""Stale articles flagged to their owner department (the beat task ``flag_stale_articles``).

An article is stale when it is published and its review is due (``review_due_on`` on or
before today). Each owner department gets one e-mail listing its newly stale articles, written
to the outbox in the same transaction that marks them told (``stale_notice_for`` = the due
date told about): running the task twice tells nobody twice, and an article reviewed and due
again later is told about again.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Department, Membership, Role
from knowledge import events
from knowledge.models import Article
from lotsportal.site import site_url
from notifications.services import queue_email

from .history import record


def _recipients(department: Department) -> list[str]:
    if department.inbox_email:
        return [department.inbox_email]
    leads = Membership.objects.filter(
        department=department, role__in=[Role.AVDELNINGSCHEF, Role.SAMORDNARE]
    ).values_list("user__email", flat=True)
    return sorted({email for email in leads if email})


def flag_stale_articles(*, today: date | None = None) -> int:
    """Tell each owner department of its articles due for review; the number flagged."""
    today = today or timezone.localdate()
    with transaction.atomic():
        stale = list(
            Article.objects.due_for_review(today)
            .filter(Q(stale_notice_for__isnull=True) | ~Q(stale_notice_for=F("review_due_on")))
            .select_related("owner_department")
            .select_for_update(of=("self",), skip_locked=True)
            .order_by("owner_department_id", "review_due_on", "pk")
        )
        by_department: dict[int, list[Article]] = defaultdict(list)
        for article in stale:
            by_department[article.owner_department_id].append(article)
        for articles in by_department.values():
            _tell_department(articles, today)
    return len(stale)


def _tell_department(articles: list[Article], today: date) -> None:
    department = articles[0].owner_department
    rows = [
        {
            "question": article.question,
            "due": article.review_due_on.isoformat() if article.review_due_on else "",
            "url": site_url() + reverse("knowledge:detail", args=[article.pk]),
        }
        for article in articles
    ]
    recipients = _recipients(department)
    for address in recipients:
        queue_email(
            to=address,
            template="knowledge/email/review_due",
            context={
                "department": department.name,
                "articles": rows,
                "list_url": site_url() + reverse("knowledge:due"),
            },
            related=department,
            dedupe_key=f"knowledge-review-due:{department.pk}:{address}:{today.isoformat()}",
        )
    for article in articles:
        Article.objects.filter(pk=article.pk).update(stale_notice_for=article.review_due_on)
        record(
            events.stale_notice(
                article=article,
                due=article.review_due_on.isoformat() if article.review_due_on else "",
                to=", ".join(recipients),
            )
        )
