from datetime import date

import pytest

from cases.calendar import add_working_days, is_working_day, working_days_between


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
