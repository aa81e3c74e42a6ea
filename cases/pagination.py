"""Keyset pagination and capped counts for long lists of cases.

A page of the case list is read by walking an index on the list's order (``(created_at, id)``
by default, ``(sort value, id)`` for the other orders of ``cases/sorting.py``) from a cursor
(the last row of the previous page), so page 50 costs what page 1 costs whatever the number of
cases. Counting every visible case would read them all, so counts stop at ``COUNT_CAP``: the
page says "more than 1 000" instead (honest, and enough to decide to filter further).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, Expression, F, Func, Q, QuerySet, Value

COUNT_CAP = 1000
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
_NULL = "~"  # a NULL sort value in a cursor
_INTEGER = re.compile(r"-?[0-9]{1,18}")
_ID = re.compile(r"[0-9]{1,18}")
_MAX_TEXT = 600  # characters of a text sort value a cursor may carry


class RowComparison(Func):
    """``(a, b, id) > (x, y, z)``: PostgreSQL reads it as one range of an index on
    ``(a, b, id)``, where ``a > x OR (a = x AND …)`` becomes a filter over every row of the
    first value (a status's thousands of cases)."""

    output_field = BooleanField()

    def __init__(self, columns: list, operator: str, values: list):
        if operator not in ("<", ">") or len(columns) != len(values):
            raise ValueError(operator)
        self.operator = operator
        super().__init__(*columns, *(Value(value) for value in values))

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        half = len(parts) // 2
        left, right = ", ".join(parts[:half]), ", ".join(parts[half:])
        return f"({left}) {self.operator} ({right})", params


@dataclass(frozen=True)
class KeysetColumn:
    """One column of a list's order: a field path (``company__name``) or, with
    ``expression``, an alias the order and the cursor's condition share (a status's rank).
    ``kind`` says how its value is written in a cursor; ``read`` takes it off a row."""

    path: str
    kind: str  # "datetime", "date", "int" or "text"
    nullable: bool = False
    expression: Expression | None = None
    read: Callable[[Any], Any] | None = None

    def value_of(self, row) -> Any:
        if self.read is not None:
            return self.read(row)
        value = row
        for part in self.path.split("__"):
            value = None if value is None else getattr(value, part)
        return value

    def encode(self, value) -> str:
        if value is None:
            return _NULL
        if self.kind == "datetime":
            return str((value - _EPOCH) // _MICROSECOND)
        if self.kind == "date":
            return str(value.toordinal())
        if self.kind == "text":
            return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")
        return str(int(value))

    def decode(self, token: str) -> Any:
        """The value ``token`` names; ValueError for anything a cursor would not hold."""
        if token == _NULL and self.nullable:
            return None
        if self.kind == "text":
            padded = token + "=" * (-len(token) % 4)
            text = base64.b64decode(padded, altchars=b"-_", validate=True).decode()
            if len(text) > _MAX_TEXT or "\x00" in text:
                raise ValueError(token)
            return text
        if not _INTEGER.fullmatch(token):
            raise ValueError(token)
        number = int(token)
        if self.kind == "datetime":
            return _EPOCH + dt.timedelta(microseconds=number)
        if self.kind == "date":
            return dt.date.fromordinal(number)
        return number


@dataclass(frozen=True)
class KeysetOrder:
    """A list's order: ``columns`` then the primary key, all in one direction, NULLs last
    both ways. The cursor is the values of the row it stands at, so a page is an index range
    read from there, whatever the number of rows before it."""

    columns: tuple[KeysetColumn, ...]
    descending: bool = False

    def with_aliases(self, queryset: QuerySet) -> QuerySet:
        """``queryset`` knowing the expressions of this order's columns by their names."""
        known = queryset.query.annotations
        aliases = {
            c.path: c.expression
            for c in self.columns
            if c.expression is not None and c.path not in known
        }
        return queryset.alias(**aliases) if aliases else queryset

    def apply(self, queryset: QuerySet, *, reverse: bool = False) -> QuerySet:
        """``queryset`` in this order (``reverse``: read backwards, NULLs first)."""
        queryset = self.with_aliases(queryset)
        descending = self.descending != reverse
        terms = []
        for column in self.columns:
            nulls = {("nulls_first" if reverse else "nulls_last"): True} if column.nullable else {}
            term = F(column.path)
            terms.append(term.desc(**nulls) if descending else term.asc(**nulls))
        terms.append(F("pk").desc() if descending else F("pk").asc())
        return queryset.order_by(*terms)

    def encode(self, row) -> str:
        return ".".join([*(c.encode(c.value_of(row)) for c in self.columns), str(row.pk)])

    def decode(self, value: str | None) -> tuple[list, int] | None:
        """The position a cursor names, or None for a missing or mangled one (the first page)."""
        parts = (value or "").split(".")
        if len(parts) != len(self.columns) + 1 or not _ID.fullmatch(parts[-1]):
            return None
        try:
            values = [c.decode(t) for c, t in zip(self.columns, parts, strict=False)]
        except (ValueError, OverflowError, binascii.Error):
            return None
        return values, int(parts[-1])

    def _lookup(self, later: bool) -> str:
        """The lookup of the values a row ``later`` (or earlier) in the order has."""
        return "gt" if later != self.descending else "lt"

    def beyond(self, position: tuple[list, int], *, later: bool) -> Q:
        """The rows after (``later``) or before ``position`` in this order: a row comparison
        ``(columns, id) > (values, pk)`` that the index's range serves, or, when a column may
        be NULL (which a row comparison does not order), the same spelt out column by column."""
        values, pk = position
        if not any(column.nullable for column in self.columns):
            after = RowComparison(
                [F(c.path) for c in self.columns] + [F("pk")],
                ">" if self._lookup(later) == "gt" else "<",
                [*values, pk],
            )
            return Q(after) & self._leading_bound(values[0], later=later)
        condition = Q(**{f"pk__{self._lookup(later)}": pk})
        for column, value in reversed(list(zip(self.columns, values, strict=True))):
            path = column.path
            if value is None:  # NULLs sort last: after a NULL only NULLs, before it every value
                tie = Q(**{f"{path}__isnull": True}) & condition
                condition = tie if later else Q(**{f"{path}__isnull": False}) | tie
                continue
            condition = Q(**{f"{path}__{self._lookup(later)}": value}) | (
                Q(**{path: value}) & condition
            )
            if later and column.nullable:
                condition |= Q(**{f"{path}__isnull": True})
        return condition & self._leading_bound(values[0], later=later)

    def _leading_bound(self, value, *, later: bool) -> Q:
        """The first column's range on its own: what a join's index (the company's name)
        can serve where the row comparison spans two tables."""
        first = self.columns[0]
        if value is None or first.nullable:
            return Q()
        bound = "gte" if self._lookup(later) == "gt" else "lte"
        return Q(**{f"{first.path}__{bound}": value})


NEWEST_FIRST = KeysetOrder((KeysetColumn("created_at", "datetime"),), descending=True)


def encode_cursor(created_at: dt.datetime, pk: int) -> str:
    """The default order's cursor (newest first)."""
    return f"{(created_at - _EPOCH) // _MICROSECOND}.{pk}"


def decode_cursor(value: str | None) -> tuple[dt.datetime, int] | None:
    """The default order's position a cursor names, or None for a missing or mangled one."""
    position = NEWEST_FIRST.decode(value)
    return None if position is None else (position[0][0], position[1])


def capped_count(queryset: QuerySet, cap: int = COUNT_CAP) -> int:
    """How many rows, but at most ``cap + 1`` read (``> cap`` means "more than cap")."""
    return queryset.order_by().values("pk")[: cap + 1].count()


def capped_counts_by(
    queryset: QuerySet, field: str, values: list[str], cap: int = COUNT_CAP
) -> dict[str, int]:
    """Rows per value of ``field``, each count stopping after ``cap + 1``: one SQL statement
    of one LIMITed index lookup per value (a GROUP BY would read every row)."""
    parts, params = [], []
    for index, value in enumerate(values):
        sub = queryset.filter(**{field: value}).order_by().values("pk")[: cap + 1]
        try:
            sql, sub_params = sub.query.get_compiler(queryset.db).as_sql()
        except EmptyResultSet:  # e.g. queryset.none(): nothing to count
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped_{index})")  # noqa: S608 - ORM SQL
        params.extend(sub_params)
    if not parts:
        return {}
    with connections[queryset.db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(values, row, strict=True))


def capped_counts(querysets: dict[str, QuerySet], cap: int = COUNT_CAP) -> dict[str, int]:
    """How many rows each queryset has, each count stopping after ``cap + 1``, all in one SQL
    statement (the start page's tiles: a fixed cost whatever the amount of data)."""
    parts, params = [], []
    for index, queryset in enumerate(querysets.values()):
        sub = queryset.order_by().values("pk")[: cap + 1]
        try:
            sql, sub_params = sub.query.get_compiler(queryset.db).as_sql()
        except EmptyResultSet:
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped_{index})")  # noqa: S608 - ORM SQL
        params.extend(sub_params)
    if not parts:
        return {}
    db = next(iter(querysets.values())).db
    with connections[db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))


@dataclass
class KeysetPage:
    object_list: list
    number: int
    size: int
    count: int
    cap: int
    has_next: bool
    has_previous: bool
    next_cursor: str = ""
    previous_cursor: str = ""

    @property
    def count_is_exact(self) -> bool:
        return self.count <= self.cap

    @property
    def num_pages(self) -> int | None:
        if not self.count_is_exact:
            return None
        return max(1, -(-self.count // self.size))

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return max(1, self.number - 1)


MAX_PAGE = 10_000  # an OFFSET bound for hand-made ``?page=`` addresses


def _page_number(value: str | None) -> int:
    try:
        return min(MAX_PAGE, max(1, int(value or 1)))
    except ValueError:
        return 1


def keyset_page(
    queryset: QuerySet,
    params,
    *,
    size: int,
    count: int,
    cap: int = COUNT_CAP,
    order: KeysetOrder = NEWEST_FIRST,
) -> KeysetPage:
    """The page of ``queryset`` in ``order`` that ``params`` (the request's GET) asks for:
    ``after`` / ``before`` a cursor, and ``page`` as the number shown. A ``page`` without a
    cursor (an old bookmark) is read with OFFSET."""
    number = _page_number(params.get("page"))
    queryset = order.with_aliases(queryset)
    after, before = order.decode(params.get("after")), order.decode(params.get("before"))
    if before is not None:
        window = order.apply(queryset.filter(order.beyond(before, later=False)), reverse=True)
        rows = list(window[: size + 1])
        has_previous = len(rows) > size
        rows = rows[:size][::-1]
        has_next = True
        if not has_previous:
            number = 1
    else:
        if after is not None:
            window, offset = queryset.filter(order.beyond(after, later=True)), 0
        else:
            window, offset = queryset, (number - 1) * size
        rows = list(order.apply(window)[offset : offset + size + 1])
        has_next = len(rows) > size
        rows = rows[:size]
        has_previous = after is not None or number > 1
        if not rows and number > 1 and after is None:
            number = 1
    page = KeysetPage(
        object_list=rows,
        number=number,
        size=size,
        count=count,
        cap=cap,
        has_next=has_next and bool(rows),
        has_previous=has_previous,
    )
    if rows:
        page.next_cursor = order.encode(rows[-1])
        page.previous_cursor = order.encode(rows[0])
    return page
