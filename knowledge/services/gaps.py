"""Searches that found nothing, counted so that the owner sees which questions lack an answer."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from knowledge.models import SearchGap, SearchPlace

MAX_QUERY_LENGTH = 200


def normalise_query(text: str) -> str:
    return " ".join((text or "").lower().split())[:MAX_QUERY_LENGTH]


def count_empty_search(*, query: str, place: str) -> SearchGap | None:
    """Count one search of ``query`` at ``place`` that found nothing (None for an empty one)."""
    query = normalise_query(query)
    if not query or place not in SearchPlace.values:
        return None
    now = timezone.now()
    with transaction.atomic():
        updated = SearchGap.objects.filter(query=query, place=place).update(
            count=F("count") + 1, last_at=now
        )
        if updated:
            return SearchGap.objects.get(query=query, place=place)
        try:
            with transaction.atomic():
                return SearchGap.objects.create(
                    query=query, place=place, count=1, first_at=now, last_at=now
                )
        except IntegrityError:
            SearchGap.objects.filter(query=query, place=place).update(
                count=F("count") + 1, last_at=now
            )
            return SearchGap.objects.get(query=query, place=place)
