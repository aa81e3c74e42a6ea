import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.workdays import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2026, 6, 19), "midsommarafton"),
        (date(2026, 12, 24), "julafton"),
        (date(2026, 12, 31), "nyårsafton"),
        (date(2026, 4, 3), "långfredagen"),
        (date(2026, 4, 6), "annandag påsk"),
        (date(2026, 5, 14), "Kristi himmelsfärd"),
        (date(2026, 1, 6), "trettondedag jul"),
        (date(2026, 11, 21), "a Saturday"),
        (date(2026, 11, 22), "a Sunday"),
    ],
)
def test_days_the_municipal_offices_are_closed(day, why):
    assert not is_working_day(day), why


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 2),  # skärtorsdagen: a half day, still a working day
        date(2026, 4, 30),  # valborgsmässoafton
        date(2026, 11, 23),
    ],
)
def test_ordinary_and_half_days_are_working_days(day):
    assert is_working_day(day)


def test_adding_working_days_skips_easter():
    # Thursday before Easter 2026 + 1 working day is the Tuesday after Easter Monday.
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_adding_working_days_over_christmas_and_new_year():
    # Wed 23 Dec 2026 + 3: skips 24, 25, 26 (Sat), 27 (Sun) → 28, 29, 30.
    assert add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)
    # + 4: 31 Dec (nyårsafton) and 1 Jan are closed, 2–3 Jan weekend → Mon 4 Jan 2027.
    assert add_working_days(date(2026, 12, 23), 4) == date(2027, 1, 4)


def test_adding_working_days_over_midsummer():
    # Thu 18 June 2026 + 1 → Mon 22 June (19 midsommarafton, 20 midsommardagen, 21 Sunday).
    assert add_working_days(date(2026, 6, 18), 1) == date(2026, 6, 22)


def test_working_days_between_counts_forwards_and_backwards():
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 27)) == 5
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 20)) == -5
    assert working_days_between(date(2026, 11, 23), date(2026, 11, 23)) == 0
    start = date(2026, 12, 1)
    for n in (0, 1, 7, 30):
        assert working_days_between(start, add_working_days(start, n)) == n


# --- The constant-time functions give what walking day by day gives -------------------------


def walked_working_days_between(a: date, b: date) -> int:
    """The old definition: walk from ``a`` to ``b`` one day at a time."""
    if b < a:
        return -walked_working_days_between(b, a)
    count, day = 0, a
    while day < b:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def walked_add_working_days(start: date, n: int) -> date:
    step, remaining, day = (1 if n >= 0 else -1), abs(n), start
    while remaining:
        day += timedelta(days=step)
        remaining -= is_working_day(day)
    return day


# Around the holidays that move (Easter, midsummer) and those that sit on a date, and around
# the first and last year the holidays package knows (before and after: no holidays at all).
CLOSED_DAYS = [
    date(2026, 6, 19), date(2025, 6, 20), date(2026, 12, 24), date(2026, 12, 31),
    date(2027, 1, 1), date(2026, 4, 3), date(2024, 3, 29), date(2025, 5, 29),
    date(2004, 5, 31), date(2005, 6, 6), date(1953, 1, 1), date(2100, 12, 31),
]  # fmt: skip
near_closed_days = st.builds(
    lambda day, shift: day + timedelta(days=shift),
    st.sampled_from(CLOSED_DAYS),
    st.integers(min_value=-10, max_value=10),
)
days = st.one_of(st.dates(date(1945, 1, 1), date(2110, 12, 31)), near_closed_days)


@settings(max_examples=200, deadline=None)
@given(a=days, span=st.integers(min_value=-800, max_value=800))
def test_working_days_between_is_the_day_walk(a, span):
    b = a + timedelta(days=span)
    assert working_days_between(a, b) == walked_working_days_between(a, b)


@settings(max_examples=20, deadline=None)
@given(a=days, b=days)
def test_working_days_between_far_apart_dates_is_the_day_walk(a, b):
    assert working_days_between(a, b) == walked_working_days_between(a, b)


@settings(max_examples=200, deadline=None)
@given(start=days, n=st.integers(min_value=-400, max_value=400))
def test_add_working_days_is_the_day_walk(start, n):
    assert add_working_days(start, n) == walked_add_working_days(start, n)


@pytest.mark.parametrize("start", [date(2026, 12, 23), date(2026, 6, 18), date(2026, 4, 2)])
@pytest.mark.parametrize("n", [-30, -5, -1, 1, 2, 5, 30])
def test_add_working_days_over_the_de_facto_holidays_is_the_day_walk(start, n):
    assert add_working_days(start, n) == walked_add_working_days(start, n)


def test_a_due_date_far_in_the_future_is_counted_at_once():
    started = time.perf_counter()
    assert working_days_between(date(2026, 1, 1), date(9999, 12, 31)) > 2_000_000
    assert add_working_days(date(2026, 1, 1), 2_000_000) > date(9000, 1, 1)
    # A walk over 2.9 million days takes seconds; counted at once it is about a millisecond.
    # The bound is wide because a shared machine stalls any call for half a second now and then.
    assert time.perf_counter() - started < 1.0
