"""The SQL building blocks: the working-day calendar and the percentile aggregate."""

import random
import sqlite3
from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models import F, FloatField, Q
from django.db.models.functions import Cast

from cases.workdays import working_days_between
from stats.aggregates import SQLITE_FUNCTION, Percentile, _SqlitePercentile, percentile_cont
from stats.calendar_table import FIRST_DAY, ensure_calendar
from stats.models import CalendarDay

pytestmark = pytest.mark.django_db


def numbers(first: date, last: date) -> dict[date, int]:
    rows = CalendarDay.objects.filter(day__gte=first, day__lte=last)
    return dict(rows.values_list("day", "working_day_number"))


def test_calendar_differences_are_the_working_days_between_two_dates():
    table = numbers(date(2024, 12, 1), date(2027, 1, 31))
    rng = random.Random(7)
    days = list(table)
    for _ in range(300):
        a, b = sorted(rng.sample(days, 2))
        assert table[b] - table[a] == working_days_between(a, b), (a, b)


def test_calendar_knows_the_swedish_holidays_and_the_de_facto_days_off():
    off = {
        date(2026, 1, 1): "nyårsdagen",
        date(2026, 1, 6): "trettondedag jul",
        date(2026, 4, 3): "långfredagen",
        date(2026, 6, 19): "midsommarafton",
        date(2026, 12, 24): "julafton",
        date(2026, 12, 31): "nyårsafton",
    }
    rows = dict(CalendarDay.objects.filter(day__in=off).values_list("day", "is_working_day"))
    assert rows == dict.fromkeys(off, False)
    # The half day before a holiday stays a working day.
    assert CalendarDay.objects.get(day=date(2026, 4, 30)).is_working_day


def test_calendar_is_filled_again_when_rows_are_missing():
    CalendarDay.objects.filter(day__gte=date(2026, 1, 1)).delete()
    ensure_calendar(today=date(2026, 11, 23))
    assert CalendarDay.objects.filter(day=date(2027, 12, 31)).exists()
    assert CalendarDay.objects.get(day=FIRST_DAY).working_day_number == 0  # a Saturday
    table = numbers(date(2025, 12, 20), date(2026, 1, 10))
    assert table[date(2026, 1, 10)] - table[date(2025, 12, 20)] == 9


@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.5, 0.9, 1.0])
def test_percentile_is_postgresqls_percentile_cont_on_both_databases(fraction):
    rng = random.Random(11)
    values = [rng.randint(0, 40) for _ in range(37)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT percentile_cont(%s) WITHIN GROUP (ORDER BY x) FROM unnest(%s::int[]) AS x",
            [fraction, values],
        )
        expected = cursor.fetchone()[0]
    assert percentile_cont(values, fraction) == pytest.approx(expected)
    lite = sqlite3.connect(":memory:")
    lite.create_aggregate(SQLITE_FUNCTION, 2, _SqlitePercentile)
    lite.execute("CREATE TABLE t (x INTEGER)")
    lite.executemany("INSERT INTO t VALUES (?)", [(v,) for v in values] + [(None,)])
    assert SQLITE_FUNCTION == "LOTS_PERCENTILE_CONT"
    (on_sqlite,) = lite.execute("SELECT LOTS_PERCENTILE_CONT(x, ?) FROM t", [fraction]).fetchone()
    assert on_sqlite == pytest.approx(expected)


def test_percentile_through_the_orm_groups_and_filters():
    first = date(2026, 1, 1)
    rows = CalendarDay.objects.filter(day__gte=first, day__lt=first + timedelta(days=14))
    result = rows.values("is_working_day").annotate(
        median=Percentile(Cast(F("working_day_number"), FloatField()), 0.5),
        late=Percentile(
            Cast(F("working_day_number"), FloatField()), 1.0, filter=Q(day__lt=date(2026, 1, 8))
        ),
    )
    by_kind = {row["is_working_day"]: row for row in result.order_by("is_working_day")}
    base = CalendarDay.objects.get(day=date(2025, 12, 31)).working_day_number
    # 1–14 Jan: working days 2, 5, 7, 8, 9, 12, 13, 14 are numbers base+1 … base+8.
    assert by_kind[True]["median"] == pytest.approx(base + 4.5)
    assert by_kind[True]["late"] == pytest.approx(base + 3)  # 2, 5, 7 January


def test_a_fraction_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError):
        Percentile(F("working_day_number"), 1.5)
