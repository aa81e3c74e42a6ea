"""The working-day calendar table that lead times are computed against, in SQL.

``cases.workdays`` knows which days are working days; this module writes that knowledge into
``CalendarDay`` rows with a running number of working days, so that "working days after ``a``
up to and including ``b``" (``cases.workdays.working_days_between``) is
``number(b) − number(a)`` inside a query, without a Python loop over cases.

The table covers ``FIRST_DAY`` to the end of the year ``YEARS_AHEAD`` years from now. It is
filled by a data migration and topped up on demand by ``ensure_calendar`` (one cheap query
per page), so a new year never needs a deploy step. ``rebuild_calendar`` rewrites every row,
e.g. after an update of the ``holidays`` package changed a holiday.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import IntegerField, OuterRef, Subquery
from django.utils import timezone

from cases.workdays import is_working_day

FIRST_DAY = date(2000, 1, 1)
YEARS_AHEAD = 5


def last_day(today: date) -> date:
    """The last day the table covers (a statistics period ends at the latest there)."""
    return date(today.year + YEARS_AHEAD, 12, 31)


def calendar_rows(first: date, last: date, model):
    """CalendarDay objects from ``first`` to ``last``, numbered from ``FIRST_DAY``."""
    number = 0
    day = FIRST_DAY
    rows = []
    while day <= last:
        working = is_working_day(day)
        if working:
            number += 1
        if day >= first:
            rows.append(model(day=day, is_working_day=working, working_day_number=number))
        day += timedelta(days=1)
    return rows


def fill_calendar(*, model=None, today: date | None = None) -> int:
    """Add the days that are missing (idempotent and safe to run twice at once)."""
    if model is None:
        from .models import CalendarDay as model
    today = today or timezone.localdate()
    rows = calendar_rows(FIRST_DAY, last_day(today), model)
    model.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)


def ensure_calendar(*, today: date | None = None) -> None:
    """Make sure the table reaches at least the end of next year (one query when it does)."""
    from .models import CalendarDay

    today = today or timezone.localdate()
    needed = [FIRST_DAY, date(today.year + 1, 12, 31)]
    if CalendarDay.objects.filter(day__in=needed).count() < len(needed):
        fill_calendar(today=today)


@transaction.atomic
def rebuild_calendar(*, today: date | None = None) -> int:
    from .models import CalendarDay

    CalendarDay.objects.all().delete()
    return fill_calendar(today=today)


def working_day_number(date_field: str) -> Subquery:
    """The running working-day number of the outer row's date ``date_field``.

    ``date_field`` is a DateField or a date annotation (e.g. ``TruncDate`` of a datetime, in
    local time). NULL for a NULL date or one outside the calendar, so such rows drop out of
    the aggregates rather than counting as zero.
    """
    from .models import CalendarDay

    return Subquery(
        CalendarDay.objects.filter(day=OuterRef(date_field)).values("working_day_number")[:1],
        output_field=IntegerField(),
    )
