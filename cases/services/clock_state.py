"""A case's statutory clock as stored on it: read, started, recomputed (no verbs here: those
are ``cases.services.clocks``; ``cases.services.cases`` starts the clock and sets the fee
reduction at a decision)."""

from __future__ import annotations

from datetime import date

from ..clocks import clock_of, fee_reduction_fifths
from ..models import Case, ClockKind

__all__ = ["apply_clock", "clock_of", "reduction_at_decision", "start_statutory_clock"]


def start_statutory_clock(case: Case, *, received_on: date) -> None:
    """Set on a new case (by ``register_case``, before it is saved) when its type runs one."""
    if not case.case_type.has_statutory_clock:
        return
    case.statutory_received_on = received_on
    apply_clock(case)


def apply_clock(case: Case) -> None:
    clock = clock_of(case)
    case.statutory_due_date = clock.due_date if clock else None
    if case.statutory_due_date and case.case_type.clock == ClockKind.STATUTORY:
        case.due_date = case.statutory_due_date


def reduction_at_decision(case: Case, decided_on: date) -> int | None:
    """The fee reduction a decision on ``decided_on`` gives (None without a statutory clock)."""
    clock = clock_of(case)
    if clock is None:
        return None
    return fee_reduction_fifths(clock.due_date, decided_on)
