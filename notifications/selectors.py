"""Reads of the outbox for the people who watch it: the admin's header and /healthz."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import UNDELIVERED, OutboxMessage, OutboxStatus


@dataclass(frozen=True)
class OutboxSummary:
    counts: dict[str, int]  # every status, zero included
    oldest_waiting_since: datetime | None  # the undelivered message due the longest
    now: datetime

    @property
    def oldest_pending_age(self) -> timedelta | None:
        if self.oldest_waiting_since is None:
            return None
        return self.now - self.oldest_waiting_since

    @property
    def oldest_pending_minutes(self) -> int | None:
        age = self.oldest_pending_age
        return None if age is None else int(age.total_seconds() // 60)


def outbox_summary(*, now: datetime | None = None) -> OutboxSummary:
    """Counts per status and how long the oldest due, undelivered message has waited: one query.

    A message waits from when it was due (``not_before``) or, if an operator sent it again,
    from then; a message scheduled for later (a survey, a reminder) is not waiting yet.
    """
    now = now or timezone.now()
    waiting = Q(status__in=UNDELIVERED, not_before__lte=now)
    row = OutboxMessage.objects.aggregate(
        oldest=Min(Coalesce("requeued_at", "not_before"), filter=waiting),
        **{status.value: Count("pk", filter=Q(status=status)) for status in OutboxStatus},
    )
    counts = {status.value: row[status.value] for status in OutboxStatus}
    return OutboxSummary(counts=counts, oldest_waiting_since=row["oldest"], now=now)
