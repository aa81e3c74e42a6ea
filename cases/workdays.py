"""Working days: weekdays that are not Swedish public or de facto holidays.

Municipal offices are closed on the public holidays and on midsommarafton, julafton and
nyårsafton (the ``de_facto`` category of the ``holidays`` package).

Counting and adding working days takes the same time for a span of a week as for a span of
centuries: whole weeks are arithmetic on day numbers, and the holidays that fall on a weekday
are one sorted list (built once from every year the ``holidays`` package knows) that
``bisect`` counts in. Outside those years there are no holidays, as for ``holidays_in``.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from functools import lru_cache

import holidays

CATEGORIES = ("public", "de_facto")


@lru_cache(maxsize=256)
def holidays_in(year: int) -> frozenset[date]:
    return frozenset(holidays.Sweden(years=year, categories=CATEGORIES).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays_in(day.year)


@lru_cache(maxsize=1)
def _weekday_holidays() -> tuple[int, ...]:
    """Day numbers (``date.toordinal``) of every holiday on a Monday to Friday, sorted."""
    first = getattr(holidays.Sweden, "start_year", 1953)
    last = getattr(holidays.Sweden, "end_year", 2100)
    days = holidays.Sweden(years=range(first, last + 1), categories=CATEGORIES).keys()
    return tuple(sorted(day.toordinal() for day in days if day.weekday() < 5))


def _weekdays_through(ordinal: int) -> int:
    """Monday to Friday from 0001-01-01 (a Monday, day number 1) up to and including ``ordinal``."""
    weeks, rest = divmod(ordinal - 1, 7)
    return weeks * 5 + min(rest + 1, 5)


def _nth_weekday(count: int) -> int:
    """The day number of the ``count``-th weekday (the inverse of ``_weekdays_through``)."""
    weeks, rest = divmod(count - 1, 5)
    return weeks * 7 + rest + 1


def _holidays_through(ordinal: int) -> int:
    return bisect_right(_weekday_holidays(), ordinal)


def _working_days_through(ordinal: int) -> int:
    return _weekdays_through(ordinal) - _holidays_through(ordinal)


def working_days_between(a: date, b: date) -> int:
    """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``."""
    return _working_days_through(b.toordinal()) - _working_days_through(a.toordinal())


def add_working_days(start: date, n: int) -> date:
    """The date ``n`` working days after ``start`` (before it when ``n`` is negative).

    With ``count(d)`` the running number of working days up to and including ``d``, the answer
    is the first day whose count reaches a target: ``count(start) + n`` going forward, and
    ``count(start - 1) + n + 1`` going back (the |n|-th working day before ``start``). No day
    is reached before the weekday that many weekdays on, so start there and move on by as many
    weekdays as the count still falls short (the holidays passed), until it falls short by none.
    """
    if n == 0:
        return start
    here = start.toordinal()
    target = _working_days_through(here) + n if n > 0 else _working_days_through(here - 1) + n + 1
    day = _nth_weekday(target)
    while short := target - _working_days_through(day):
        day = _nth_weekday(_weekdays_through(day) + short)
    return date.fromordinal(day)
