"""Working-day arithmetic for the generator, fast enough for tens of thousands of cases.

The same answers as ``cases.workdays`` (weekdays that are not Swedish public or de facto
holidays), but from a sorted list of working days and a binary search instead of a loop
over every day. Outside the precomputed range it falls back to ``cases.workdays``.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta

from cases.workdays import add_working_days, is_working_day, working_days_between


class WorkingDays:
    def __init__(self, first: date, last: date) -> None:
        self.first, self.last = first, last
        days, day = [], first
        while day <= last:
            if is_working_day(day):
                days.append(day)
            day += timedelta(days=1)
        self.days = days
        self.day_set = frozenset(days)

    def _inside(self, *days: date) -> bool:
        return all(self.first <= day <= self.last for day in days)

    def add(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself for 0), n ≥ 0."""
        if n == 0:
            return start
        index = bisect_right(self.days, start) + n - 1
        if not self._inside(start) or index >= len(self.days):
            return add_working_days(start, n)
        return self.days[index]

    def between(self, a: date, b: date) -> int:
        """Working days after ``a`` up to and including ``b`` (negative when b < a)."""
        if not self._inside(a, b):
            return working_days_between(a, b)
        return bisect_right(self.days, b) - bisect_right(self.days, a)

    def is_working_day(self, day: date) -> bool:
        if self.first <= day <= self.last:
            return day in self.day_set
        return is_working_day(day)
