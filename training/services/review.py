"""The bank's legal review: when each question was checked against the law, by whom, and
marking a question for review when its source changed.

A coordinator's change goes through ``confighistory.save_configuration`` (the admin's
configuration history: who, when, old -> new, and Django's model permission). The shipped bank,
loaded by the system (``by=None``), writes its own review dates without a history row, as it
writes its questions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from confighistory.services import save_configuration
from training import permissions
from training.errors import TrainingError
from training.models import QuestionEntry

if TYPE_CHECKING:
    from accounts.models import User

# A question checked more than this many days before an edition opens is due for review.
REVIEW_VALID_DAYS = 365

CHECK_FIELDS = ["law_checked_on", "reviewer", "review_requested", "review_reason"]
MARK_FIELDS = ["review_requested", "review_reason", "review_requested_by"]


def _write(entry: QuestionEntry, *, by: User | None, fields: list[str]) -> None:
    if by is None:
        entry.save(update_fields=fields)
    else:
        save_configuration(instance=entry, by=by, fields=fields)


def mark_for_review(*, entries: Iterable[QuestionEntry], reason: str, by: User | None) -> int:
    """Mark questions whose source changed; they are listed as due until checked again."""
    if by is not None:
        permissions.require_coordinator(by)
    reason = reason.strip()
    if not reason:
        raise TrainingError(_("Say why the question needs review, e.g. which source changed."))
    ids = [entry.pk for entry in entries]
    with transaction.atomic():
        marked = 0
        for entry in QuestionEntry.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
            entry.review_requested = True
            entry.review_reason = reason
            entry.review_requested_by = by
            _write(entry, by=by, fields=MARK_FIELDS)
            marked += 1
    return marked


def record_law_check(
    *, entry: QuestionEntry, checked_on: datetime.date, reviewer: str, by: User | None
) -> QuestionEntry:
    """The question was checked against the law on ``checked_on``: any review mark is cleared."""
    if by is not None:
        permissions.require_coordinator(by)
    reviewer = reviewer.strip() or (by.get_full_name() if by is not None else "")
    if not reviewer:
        raise TrainingError(_("Say who checked the question."))
    with transaction.atomic():
        entry = QuestionEntry.objects.select_for_update().get(pk=entry.pk)
        entry.law_checked_on = checked_on
        entry.reviewer = reviewer[:150]
        entry.review_requested = False
        entry.review_reason = ""
        _write(entry, by=by, fields=CHECK_FIELDS)
    return entry


def is_due(entry: QuestionEntry, *, opens_on: datetime.date) -> bool:
    """Due before an edition opening on ``opens_on``: marked, never checked, or checked too
    long before."""
    if entry.review_requested or entry.law_checked_on is None:
        return True
    return (opens_on - entry.law_checked_on).days > REVIEW_VALID_DAYS
