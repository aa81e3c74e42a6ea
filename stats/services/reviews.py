"""Recording the yearly management review (SS 884000, leadership): the one write path."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from ..models import ManagementReview
from ..permissions import can_view_statistics


class NotPermittedToRecord(Exception):
    pass


@transaction.atomic
def record_management_review(*, year: int, held_on: date, decisions: str, by) -> ManagementReview:
    """Record that the year's management review was held, with its decisions."""
    if not can_view_statistics(by):
        raise NotPermittedToRecord
    return ManagementReview.objects.create(
        year=year,
        held_on=held_on,
        decisions=decisions.strip(),
        recorded_by=by,
        recorded_at=timezone.now(),
    )
