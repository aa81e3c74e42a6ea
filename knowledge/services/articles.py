"""Writing, editing, reviewing and moving articles (draft -> published -> archived)."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge import events, permissions
from knowledge.errors import KnowledgeError, NotPermitted, TransitionNotAllowed
from knowledge.models import DEFAULT_REVIEW_MONTHS, Article, ArticleVersion
from knowledge.workflow import EDITABLE_STATUSES, ArticleStatus, Audience, article_move_allowed

from .history import record
from .indexing import refresh_search_index

if TYPE_CHECKING:
    from accounts.models import Department, User
    from cases.models import CaseType

TEXT_FIELDS = ("question", "answer", "question_en", "answer_en", "legal_sources")


@dataclass
class ArticleData:
    """What the article form (and the import) gives: the text and where it belongs."""

    question: str
    answer: str
    owner_department: Department
    question_en: str = ""
    answer_en: str = ""
    legal_sources: str = ""
    audience: str = Audience.INTERNAL
    review_interval_months: int = DEFAULT_REVIEW_MONTHS
    departments: Sequence[Department] = field(default_factory=list)
    case_types: Sequence[CaseType] = field(default_factory=list)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _validate(data: ArticleData) -> None:
    if not data.question.strip():
        raise KnowledgeError(_("Write the question as a business would ask it."))
    if not data.answer.strip():
        raise KnowledgeError(_("Write the answer."))
    if data.audience not in Audience.values:
        raise KnowledgeError(_("Choose who the article is for."))
    if not 1 <= data.review_interval_months <= 60:
        raise KnowledgeError(_("The review interval is between 1 and 60 months."))


def _apply(article: Article, data: ArticleData) -> None:
    for name in TEXT_FIELDS:
        setattr(article, name, getattr(data, name).strip())
    article.audience = data.audience
    article.owner_department = data.owner_department
    article.review_interval_months = data.review_interval_months
    if article.last_reviewed_on:
        article.review_due_on = add_months(article.last_reviewed_on, data.review_interval_months)


def _save_version(article: Article, by: User | None) -> ArticleVersion:
    return ArticleVersion.objects.create(
        article=article,
        number=article.version_number,
        written_by=by,
        created_at=article.updated_at,
        **{name: getattr(article, name) for name in TEXT_FIELDS},
    )


def write_article(
    *, by: User | None, data: ArticleData, origin: str = "", check: bool = True
) -> Article:
    """A new draft (version 1). ``check=False`` only for the import and the demo, which run
    without a signed-in official."""
    if check and not permissions.can_write_article(by):
        raise NotPermitted()
    _validate(data)
    now = timezone.now()
    with transaction.atomic():
        article = Article(created_by=by, created_at=now, updated_at=now, origin=origin[:120])
        _apply(article, data)
        article.save()
        article.departments.set(data.departments)
        article.case_types.set(data.case_types)
        _save_version(article, by)
        refresh_search_index(article)
        record(events.written(article=article, by=by, origin=origin))
    return article


def _lock(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def edit_article(*, article: Article, by: User, data: ArticleData) -> Article:
    """An edit makes a new version; the old one stays readable."""
    if not permissions.can_manage_article(by, article):
        raise NotPermitted()
    _validate(data)
    with transaction.atomic():
        article = _lock(article)
        if article.status not in EDITABLE_STATUSES:
            raise KnowledgeError(_("Reopen the archived article as a draft before editing it."))
        _apply(article, data)
        article.version_number += 1
        article.updated_at = timezone.now()
        article.save()
        article.departments.set(data.departments)
        article.case_types.set(data.case_types)
        _save_version(article, by)
        refresh_search_index(article)
        record(events.edited(article=article, by=by, version=article.version_number))
    return article


def _review(article: Article, by: User, today: date) -> None:
    article.last_reviewed_on = today
    article.last_reviewed_by = by
    article.review_due_on = add_months(today, article.review_interval_months)
    record(
        events.reviewed(
            article=article,
            by=by,
            on=today.isoformat(),
            next_due=article.review_due_on.isoformat(),
        )
    )


def _move(article: Article, *, by: User, to: str) -> Article:
    if not permissions.can_manage_article(by, article):
        raise NotPermitted()
    with transaction.atomic():
        article = _lock(article)
        old = article.status
        if not article_move_allowed(old, to):
            raise TransitionNotAllowed()
        article.status = to
        article.updated_at = timezone.now()
        if to == ArticleStatus.PUBLISHED:
            article.published_at = article.updated_at
            # Publishing is a review: the answer was read and found right today.
            _review(article, by, timezone.localdate())
        article.save()
        record(events.moved(article=article, by=by, old=old, new=to))
    return article


def publish_article(*, article: Article, by: User) -> Article:
    return _move(article, by=by, to=ArticleStatus.PUBLISHED)


def archive_article(*, article: Article, by: User) -> Article:
    return _move(article, by=by, to=ArticleStatus.ARCHIVED)


def reopen_article(*, article: Article, by: User) -> Article:
    return _move(article, by=by, to=ArticleStatus.DRAFT)


def mark_reviewed(*, article: Article, by: User) -> Article:
    """The owner read the article and it is still right: the next review is an interval on."""
    if not permissions.can_manage_article(by, article):
        raise NotPermitted()
    with transaction.atomic():
        article = _lock(article)
        if article.status != ArticleStatus.PUBLISHED:
            raise KnowledgeError(_("Only a published article is reviewed; publish it instead."))
        _review(article, by, timezone.localdate())
        article.updated_at = timezone.now()
        article.save()
    return article
