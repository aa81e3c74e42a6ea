"""PBL's statutory clock, as the law counts it (docs/clocks.md has the sources).

- **9 kap. 27 § PBL**: the decision is due ``weeks`` (10 for lov and förhandsbesked, 4 for
  startbesked after anmälan) after the day the application came in, or the later day the
  applicant supplemented it on their own initiative (``received_on``). A completion request
  (föreläggande) given **within three weeks** of that day restarts the whole period from the
  day the missing documents arrive; one given later moves nothing. The period may be extended
  **once**, by at most as long again, before it runs out.
- **12 kap. 8 a § PBL**: past the deadline, the fee is reduced by one fifth per started week,
  to nothing after five weeks.
- **Lag (1930:173) om beräkning av lagstadgad tid**: a period in weeks ends on the same weekday
  as it began (1 §); a last day on a Saturday, Sunday, public holiday, midsommarafton, julafton
  or nyårsafton moves to the next working day (2 §). It applies to the committee's own time
  limits too: the decision and the three-week window for a completion request.

Pure functions of dates: the services (``cases.services.clocks``) store their answers on the
case, the case page and the statistics read those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .workdays import is_working_day

COMPLETION_WINDOW_WEEKS = 3
FEE_FIFTHS = 5


def statutory_last_day(day: date) -> date:
    """Lag 1930:173 2 §: a last day on a closed day moves to the next working day."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def weeks_after(start: date, weeks: int) -> date:
    """Lag 1930:173 1 §: the same weekday ``weeks`` on, then moved off a closed day."""
    return statutory_last_day(start + timedelta(weeks=weeks))


def completion_window_closes(received_on: date) -> date:
    """The last day a completion request restarts the period."""
    return weeks_after(received_on, COMPLETION_WINDOW_WEEKS)


def asked_in_time(received_on: date, asked_on: date) -> bool:
    return asked_on <= completion_window_closes(received_on)


@dataclass(frozen=True)
class StatutoryClock:
    weeks: int
    received_on: date
    completion_asked_on: date | None = None
    completion_received_on: date | None = None
    extension_weeks: int = 0

    @property
    def restarts(self) -> bool:
        """A completion request was given in time: the period runs from the documents."""
        return self.completion_asked_on is not None and asked_in_time(
            self.received_on, self.completion_asked_on
        )

    @property
    def waiting_for_documents(self) -> bool:
        """Asked in time, not yet supplied: no deadline runs until they arrive."""
        return self.restarts and self.completion_received_on is None

    @property
    def runs_from(self) -> date | None:
        if not self.restarts:
            return self.received_on
        return self.completion_received_on

    @property
    def due_date(self) -> date | None:
        start = self.runs_from
        if start is None:
            return None
        return weeks_after(start, self.weeks + self.extension_weeks)

    @property
    def may_extend(self) -> bool:
        return self.extension_weeks == 0

    def fee_reduction_fifths(self, on: date) -> int:
        return fee_reduction_fifths(self.due_date, on)


def fee_reduction_fifths(due: date | None, decided_on: date) -> int:
    """One fifth per started week past ``due`` (12 kap. 8 a § PBL), at most all five."""
    if due is None or decided_on <= due:
        return 0
    late_days = (decided_on - due).days
    return min(FEE_FIFTHS, -(-late_days // 7))


def fee_reduction_percent(fifths: int) -> int:
    return fifths * 100 // FEE_FIFTHS


def fee_reduction_kronor(fee: int | None, fifths: int) -> int | None:
    """In whole kronor (rounded down: the reduction is never more than the law gives)."""
    if fee is None:
        return None
    return fee * fifths // FEE_FIFTHS


def clock_of(case: Any) -> StatutoryClock | None:
    """A case's statutory clock from its stored dates, or None when its type runs none."""
    case_type = case.case_type
    if not case_type.has_statutory_clock or case.statutory_received_on is None:
        return None
    return StatutoryClock(
        weeks=case_type.statutory_weeks,
        received_on=case.statutory_received_on,
        completion_asked_on=case.completion_asked_on,
        completion_received_on=case.completion_received_on,
        extension_weeks=case.statutory_extension_weeks,
    )


@dataclass(frozen=True)
class ClockSummary:
    """What the case page says about the clocks (no queries: the case and its type)."""

    service_level: bool
    statutory: StatutoryClock | None
    window_closes: date | None
    fee_fifths: int
    fee_final: bool
    fee_kronor: int | None

    @property
    def fee_percent(self) -> int:
        return fee_reduction_percent(self.fee_fifths)

    @property
    def may_ask_completion(self) -> bool:
        return self.statutory is not None and self.statutory.completion_asked_on is None

    @property
    def awaits_completion(self) -> bool:
        return self.statutory is not None and (
            self.statutory.completion_asked_on is not None
            and self.statutory.completion_received_on is None
        )


def summary(case: Any, today: date) -> ClockSummary:
    clock = clock_of(case)
    final = case.fee_reduction_fifths is not None
    if final:
        fifths = case.fee_reduction_fifths
    elif clock is not None and case.decided_at is None:
        fifths = clock.fee_reduction_fifths(today)
    else:
        fifths = 0
    return ClockSummary(
        service_level=case.case_type.has_service_level,
        statutory=clock,
        window_closes=completion_window_closes(clock.received_on) if clock else None,
        fee_fifths=fifths,
        fee_final=final,
        fee_kronor=fee_reduction_kronor(case.fee_kronor, fifths),
    )
