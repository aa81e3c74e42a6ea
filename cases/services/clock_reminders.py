"""Warnings of the statutory clock, sent by the daily reminders (``reminders.send_due_reminders``):

- a statutory deadline within ``STATUTORY_WARNING_WORKING_DAYS`` working days warns the
  coordinator (the lead department's leads when there is none), and so does one that has
  passed with no decision (the fee is being reduced);
- the three-week window for a completion request closing within
  ``WINDOW_WARNING_WORKING_DAYS`` working days, with nothing asked, warns the same people.

Each carries a dedupe key per (case, kind, date, recipient): it goes out once.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..clocks import COMPLETION_WINDOW_WEEKS, completion_window_closes
from ..models import Case
from ..workdays import add_working_days
from ..workflow import ACTIVE_CASE_STATUSES
from .notify import lead_emails, notify

STATUTORY_WARNING_WORKING_DAYS = 5
WINDOW_WARNING_WORKING_DAYS = 3


def _recipients(case: Case) -> list[str]:
    if case.coordinator is not None and case.coordinator.is_active:
        return [case.coordinator.email]
    return lead_emails(case.lead_department)


def _send(case: Case, *, template: str, key: str, **extra) -> int:
    sent = 0
    for to in dict.fromkeys(r for r in _recipients(case) if r):
        if notify(to=to, template=template, case=case, dedupe_key=f"{key}:{to}", **extra):
            sent += 1
    return sent


def _active_statutory():
    return Case.objects.filter(
        status__in=ACTIVE_CASE_STATUSES, statutory_received_on__isnull=False
    ).select_related("company", "coordinator", "lead_department", "case_type")


def warn_statutory_deadlines(today: date) -> int:
    soon = add_working_days(today, STATUTORY_WARNING_WORKING_DAYS)
    sent = 0
    for case in _active_statutory().filter(statutory_due_date__lte=soon):
        passed = case.statutory_due_date < today
        sent += _send(
            case,
            template="statutory_passed" if passed else "statutory_due_soon",
            key=f"cases:case:{case.pk}:statutory:{'passed' if passed else 'soon'}:"
            f"{case.statutory_due_date}",
            statutory_due_date=case.statutory_due_date.isoformat(),
        )
    return sent


def warn_completion_windows(today: date) -> int:
    soon = add_working_days(today, WINDOW_WARNING_WORKING_DAYS)
    # The window ends three weeks after the start, moved at most a few days off closed days.
    earliest = today - timedelta(weeks=COMPLETION_WINDOW_WEEKS, days=7)
    latest = soon - timedelta(weeks=COMPLETION_WINDOW_WEEKS)
    candidates = _active_statutory().filter(
        completion_asked_on__isnull=True,
        statutory_received_on__gte=earliest,
        statutory_received_on__lte=latest,
    )
    sent = 0
    for case in candidates:
        assert case.statutory_received_on is not None  # noqa: S101 (filtered above)
        closes = completion_window_closes(case.statutory_received_on)
        if today <= closes <= soon:
            sent += _send(
                case,
                template="completion_window_closing",
                key=f"cases:case:{case.pk}:completion_window:{closes}",
                window_closes=closes.isoformat(),
            )
    return sent
