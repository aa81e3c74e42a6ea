"""A percentile aggregate: PostgreSQL's ``percentile_cont``, and the same on SQLite.

PostgreSQL has ``percentile_cont(f) WITHIN GROUP (ORDER BY x)``, an ordered-set aggregate that
interpolates linearly between the two nearest values. SQLite has none, so the zero-setup mode
registers a Python aggregate with the same definition on each new connection (as Django itself
does for ``STDDEV_POP`` and friends on SQLite). Either way the percentile is computed inside
the one SQL query, grouped and filtered like any other aggregate.
"""

from __future__ import annotations

import math

from django.db import NotSupportedError
from django.db.models import Aggregate, FloatField, Func, IntegerField

SQLITE_FUNCTION = "LOTS_PERCENTILE_CONT"


class Percentile(Aggregate):
    """The ``fraction`` percentile (0.5 = median) of a numeric expression, interpolated."""

    name = "Percentile"
    function = "PERCENTILE_CONT"
    output_field = FloatField()
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float, **extra):
        fraction = float(fraction)
        if not 0.0 <= fraction <= 1.0:
            raise ValueError("A percentile fraction lies between 0 and 1.")
        # A float literal from code, never from a request: safe to put in the SQL text.
        super().__init__(expression, fraction=repr(fraction), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(f"Percentile is not implemented for {connection.vendor}.")

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # On the instance rather than as keywords: Aggregate.as_sql wraps ``self.template``
        # in its FILTER clause and would receive the keyword twice.
        clone = self.copy()
        clone.function = SQLITE_FUNCTION
        clone.template = "%(function)s(%(expressions)s, %(fraction)s)"
        return super(Percentile, clone).as_sql(compiler, connection, **extra_context)


def percentile_cont(values: list[float], fraction: float) -> float | None:
    """PostgreSQL's definition: position ``fraction × (n − 1)`` in the sorted values."""
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    lower = math.floor(position)
    upper = math.ceil(position)
    if lower == upper:
        return float(ordered[lower])
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


class _SqlitePercentile:
    def __init__(self) -> None:
        self.values: list[float] = []
        self.fraction = 0.5

    def step(self, value, fraction) -> None:
        if value is not None:
            self.values.append(float(value))
            self.fraction = float(fraction)

    def finalize(self):
        return percentile_cont(self.values, self.fraction)


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_FUNCTION, 2, _SqlitePercentile)


class GroupingSetsWithTotal(Func):
    """``GROUP BY GROUPING SETS ((key), ())``: the groups and the total in one scan of the
    rows (PostgreSQL). Set as the query's ``group_by`` by ``scope.grouped_with_total``."""

    template = "GROUPING SETS ((%(expressions)s), ())"


class Grouping(Func):
    """``GROUPING(key)``: 1 on the total's row, 0 on a group's (so a group whose key is NULL is
    not taken for the total)."""

    function = "GROUPING"
    output_field = IntegerField()

    def get_group_by_cols(self):
        return []


class GroupKey(Func):
    """The grouping key in the SELECT list, without Django adding it to GROUP BY again (which
    would group the total's row by it too)."""

    template = "%(expressions)s"

    def get_group_by_cols(self):
        return []
