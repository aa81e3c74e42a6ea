"""Searches that found nothing, counted so that the owner sees which questions lack an answer.

One row per normalised text and place (a count, the first and the last time), never a row per
search, and no personal data: e-mail addresses and long numbers (personnummer, telephone
numbers) are replaced before the text is stored, and a text not searched again for
``KNOWLEDGE_GAP_RETENTION_DAYS`` is deleted by the nightly task (:func:`forget_old_gaps`).
See docs/knowledge.md, "Gaps"."""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from knowledge.models import SearchGap, SearchPlace

MAX_QUERY_LENGTH = 200
RETENTION_DAYS = 365  # the default of settings.KNOWLEDGE_GAP_RETENTION_DAYS
EMAIL = re.compile(r"\S+@\S+")
# Six digits or more, spaces, dashes, plus signs and dots between them allowed: a personnummer
# (ÅÅMMDD-NNNN), a telephone number, an organisationsnummer.
LONG_NUMBER = re.compile(r"\+?\d(?:[\s.\-+]*\d){5,}")
EMAIL_MARK = "[e-post]"
NUMBER_MARK = "[nummer]"


def normalise_query(text: str) -> str:
    text = EMAIL.sub(EMAIL_MARK, text or "")
    text = LONG_NUMBER.sub(NUMBER_MARK, text)
    return " ".join(text.lower().split())[:MAX_QUERY_LENGTH]


def retention_days() -> int:
    return getattr(settings, "KNOWLEDGE_GAP_RETENTION_DAYS", RETENTION_DAYS)


def forget_old_gaps(*, now=None) -> int:
    """Delete the counted texts not searched for within the retention, and mask texts stored
    before the masking existed; the number of rows deleted. Idempotent."""
    since = (now or timezone.now()) - timedelta(days=retention_days())
    deleted, _ = SearchGap.objects.filter(last_at__lt=since).delete()
    return deleted + mask_stored_gaps()


@transaction.atomic
def mask_stored_gaps() -> int:
    """Rewrite stored texts that still hold an e-mail address or a long number, adding each to
    the row of its masked text where there is one; the number of rows merged away."""
    merged = 0
    suspects = SearchGap.objects.select_for_update().filter(query__regex=r"@|[0-9]")
    for gap in suspects.order_by("pk"):
        masked = normalise_query(gap.query)
        if masked == gap.query:
            continue
        target = SearchGap.objects.filter(query=masked, place=gap.place).first()
        if target is None:
            gap.query = masked
            gap.save(update_fields=["query"])
            continue
        target.count += gap.count
        target.first_at = min(target.first_at, gap.first_at)
        target.last_at = max(target.last_at, gap.last_at)
        target.save(update_fields=["count", "first_at", "last_at"])
        gap.delete()
        merged += 1
    return merged


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
