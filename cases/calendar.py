"""Working days: weekdays that are not Swedish public or de facto holidays.

Municipal offices are closed on the public holidays and on midsommarafton, julafton and
nyårsafton (the ``de_facto`` category of the ``holidays`` package).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def holidays_in(year: int) -> frozenset[date]:
    return frozenset(holidays.Sweden(years=year, categories=("public", "de_facto")).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays_in(day.year)


def add_working_days(start: date, n: int) -> date:
    """The date ``n`` working days after ``start`` (before it when ``n`` is negative)."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    day = start
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``."""
    if a == b:
        return 0
    if b < a:
        return -working_days_between(b, a)
    count = 0
    day = a
    while day < b:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
