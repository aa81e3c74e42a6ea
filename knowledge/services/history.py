"""The one place an article event is saved (built by ``knowledge.events``)."""

from __future__ import annotations

from knowledge.models import ArticleEvent


def record(event: ArticleEvent) -> ArticleEvent:
    event.save()
    return event
