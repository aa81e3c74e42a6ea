"""Every kind of article history event, built once (CONVENTIONS rule 18): one keyword-only
builder returning an unsaved ``ArticleEvent``; ``knowledge.services.history.record`` saves it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from .models import Article, ArticleEvent, ArticleEventKind

if TYPE_CHECKING:
    from accounts.models import User


def _event(article: Article, kind: str, by: User | None, **payload: Any) -> ArticleEvent:
    return ArticleEvent(
        article=article, kind=kind, actor=by, created_at=timezone.now(), payload=payload
    )


def written(*, article: Article, by: User | None, origin: str = "") -> ArticleEvent:
    return _event(article, ArticleEventKind.WRITTEN, by, version=1, origin=origin)


def edited(*, article: Article, by: User, version: int) -> ArticleEvent:
    return _event(article, ArticleEventKind.EDITED, by, version=version)


def moved(*, article: Article, by: User, old: str, new: str) -> ArticleEvent:
    kinds = {
        "published": ArticleEventKind.PUBLISHED,
        "archived": ArticleEventKind.ARCHIVED,
        "draft": ArticleEventKind.REOPENED,
    }
    return _event(article, kinds[new], by, **{"from": old, "to": new})


def reviewed(*, article: Article, by: User, on: str, next_due: str) -> ArticleEvent:
    return _event(article, ArticleEventKind.REVIEWED, by, on=on, next_due=next_due)


def stale_notice(*, article: Article, due: str, to: str) -> ArticleEvent:
    return _event(article, ArticleEventKind.STALE_NOTICE, None, due=due, to=to)


def imported(*, article: Article, by: User | None, source: str) -> ArticleEvent:
    return _event(article, ArticleEventKind.IMPORTED, by, source=source)


def course_question_proposed(*, article: Article, by: User, proposal: int) -> ArticleEvent:
    return _event(article, ArticleEventKind.COURSE_QUESTION_PROPOSED, by, proposal=proposal)
