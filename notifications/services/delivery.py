"""The delivery shape the portal's outboxes share: the e-mail outbox (``notifications.services``)
and the webhook deliveries (``api.services.webhooks``).

A row is written in the transaction of the change and handed to Celery on commit; a sender
claims it for one try in a short transaction with a lease, sends outside any transaction and
records the result in a second short one (CONVENTIONS rule 19). A failed try waits with
exponential backoff; the periodic sweep sends what is due, claims whose lease expired too; an
operator's "send again" makes rows due now. What differs stays with each outbox: how a row is
rendered and sent, which failures are final, what columns a result fills.

The rows' manager has ``due(now)`` (pending and due by its schedule, or claimed by a sender
whose lease has expired); the rows have the columns ``status``, ``attempts``,
``next_attempt_at``, ``lease_until``, ``last_error``, ``sent_at``, ``requeued_at`` and
``requeued_by``, and spell the shared states alike: ``pending``, ``sending``, ``sent``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

PENDING = "pending"
SENDING = "sending"
SENT = "sent"


def claim_due(model: type[Any], *, pk: int, now: datetime, lease_seconds: int):
    """Claim row ``pk`` for one try, in one short transaction: it becomes ``sending`` with the
    attempt counted and a lease. The claimed row, or None (not due, or another sender has it).

    A sender killed before it records the result leaves the lease to expire; the sweep then
    finds the row due again."""
    with transaction.atomic():
        row = model.objects.select_for_update(skip_locked=True).due(now).filter(pk=pk).first()
        if row is None:
            return None
        row.status = SENDING
        row.attempts += 1
        row.lease_until = now + timedelta(seconds=lease_seconds)
        row.save(update_fields=["status", "attempts", "lease_until"])
    return row


def claimed_row(model: type[Any], *, pk: int, attempt: int):
    """Inside the transaction that records a failed try: the row, locked, while this sender's
    claim still holds (still ``sending``, the same attempt); None when another sender took
    over after the lease expired."""
    return model.objects.select_for_update().filter(pk=pk, status=SENDING, attempts=attempt).first()


def record_sent(model: type[Any], *, pk: int, **fields) -> None:
    """The receiver took it: the row is sent, whatever a later sender thinks."""
    with transaction.atomic():
        model.objects.filter(pk=pk).exclude(status=SENT).update(
            status=SENT, sent_at=timezone.now(), last_error="", lease_until=None, **fields
        )


def backoff(attempts: int, *, base: int, cap: int) -> timedelta:
    """Exponential backoff: base, 2 x base, 4 x base ... capped at ``cap`` seconds."""
    return timedelta(seconds=min(base * 2 ** min(max(attempts - 1, 0), 30), cap))


def due_ids(model: type[Any], *, now: datetime, limit: int) -> list[int]:
    """The sweep's work: the ids of the rows that are due, the longest waiting first."""
    return list(
        model.objects.due(now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def make_due_now(
    rows: Iterable[Any],
    *,
    by,
    requeued: Iterable[str],
    enqueue: Callable[[int], None],
) -> None:
    """The operator's "send again", inside the caller's transaction over locked rows: each is
    pending and due now, handed to Celery on commit; a row in a ``requeued`` state (given up,
    failed) also records who sent it again and when (its give-up window starts anew)."""
    now = timezone.now()
    requeued = tuple(requeued)
    for row in rows:
        if row.status in requeued:
            row.requeued_at, row.requeued_by = now, by
        row.status = PENDING
        row.next_attempt_at = now
        row.lease_until = None
        row.save(
            update_fields=["status", "next_attempt_at", "lease_until", "requeued_at", "requeued_by"]
        )
        transaction.on_commit(partial(enqueue, row.pk))
