"""Keyset pagination and capped counts for long lists of cases.

A page of the case list is read by walking the index on ``(created_at, id)`` from a cursor
(the last row of the previous page), so page 50 costs what page 1 costs whatever the number of
cases. Counting every visible case would read them all, so counts stop at ``COUNT_CAP``: the
page says "more than 1 000" instead (honest, and enough to decide to filter further).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q, QuerySet

COUNT_CAP = 1000
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


def encode_cursor(created_at: dt.datetime, pk: int) -> str:
    return f"{(created_at - _EPOCH) // _MICROSECOND}.{pk}"


def decode_cursor(value: str | None) -> tuple[dt.datetime, int] | None:
    """The position a cursor names, or None for a missing or mangled one (the first page)."""
    try:
        micros, pk = (value or "").split(".")
        return _EPOCH + dt.timedelta(microseconds=int(micros)), int(pk)
    except (ValueError, OverflowError):
        return None


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
    queryset: QuerySet, params, *, size: int, count: int, cap: int = COUNT_CAP
) -> KeysetPage:
    """The page of ``queryset`` (ordered newest first by ``-created_at, -pk``) that ``params``
    (the request's GET) asks for: ``after`` / ``before`` a cursor, and ``page`` as the number
    shown. A ``page`` without a cursor (an old bookmark) is read with OFFSET."""
    number = _page_number(params.get("page"))
    after, before = decode_cursor(params.get("after")), decode_cursor(params.get("before"))
    if before is not None:
        at, pk = before
        rows = list(
            queryset.filter(
                Q(created_at__gt=at) | Q(created_at=at, pk__gt=pk), created_at__gte=at
            ).order_by("created_at", "pk")[: size + 1]
        )
        has_previous = len(rows) > size
        rows = rows[:size][::-1]
        has_next = True
        if not has_previous:
            number = 1
    else:
        if after is not None:
            at, pk = after
            window = queryset.filter(
                Q(created_at__lt=at) | Q(created_at=at, pk__lt=pk), created_at__lte=at
            )
            offset = 0
        else:
            window, offset = queryset, (number - 1) * size
        rows = list(window[offset : offset + size + 1])
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
        page.next_cursor = encode_cursor(rows[-1].created_at, rows[-1].pk)
        page.previous_cursor = encode_cursor(rows[0].created_at, rows[0].pk)
    return page
