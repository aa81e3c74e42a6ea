"""The per-case and per-referral working-day figures: one definition, stored or computed.

Each figure is defined once here as an SQL expression over ``CalendarDay``
(``stats.calendar.working_day_number``). ``stats.services.figures`` evaluates the definitions
once per case when the case changes and stores them in ``CaseFigures``/``ReferralFigures``;
the statistics read the stored column and fall back to the definition only where no row is
stored yet (:func:`stored_or_computed`: PostgreSQL's ``COALESCE`` does not evaluate the
fallback when the stored value is there, and an aggregate's ``FILTER`` is applied before its
argument, so a stored figure costs no calendar look-up at all).

The definitions read the local dates that the queryset annotates (``created_on``,
``first_response_on``, ``finished_on`` for cases, see :func:`with_case_dates`; ``created_on``
and ``answered_on`` for referrals).
"""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate

from .calendar_table import working_day_number

CASE_FIGURES = ("first_response_days", "lead_days", "finished_days_late", "due_day_number")
# The case's columns copied beside its figures (as named on a :func:`with_case_dates`
# queryset of cases), so that the statistics read one narrow table: every column they filter
# or group the cases on, and the ones the visibility condition reads (``confidential``; the
# row's pk is the case's).
CASE_COLUMNS = (
    "created_at",
    "first_response_at",
    "finished_at",
    "status",
    "due_date",
    "confidential",
    "lead_department_id",
    "case_type_id",
    "door_id",
    "statutory_received_on",
    "statutory_due_date",
    "fee_kronor",
    "fee_reduction_fifths",
)
REFERRAL_FIGURES = ("answer_days", "answered_days_late", "due_day_number")
# The referral's columns and its case's copied beside its figures: the field of
# ``ReferralFigures`` and where it is read on a queryset of referrals.
REFERRAL_COLUMNS = {
    "case_id": "case_id",
    "department_id": "department_id",
    "created_at": "created_at",
    "answered_at": "answered_at",
    "status": "status",
    "due_date": "due_date",
    "case_type_id": "case__case_type_id",
    "door_id": "case__door_id",
    "confidential": "case__confidential",
}


def with_case_dates(cases: QuerySet) -> QuerySet:
    """Annotate the local dates the case figures are counted between."""
    return cases.annotate(
        finished_at=Coalesce("decided_at", "closed_at"),
        created_on=TruncDate("created_at"),
        first_response_on=TruncDate("first_response_at"),
        finished_on=TruncDate(Coalesce("decided_at", "closed_at")),
    )


def with_referral_dates(referrals: QuerySet) -> QuerySet:
    return referrals.annotate(
        created_on=TruncDate("created_at"), answered_on=TruncDate("answered_at")
    )


def case_figure(name: str):
    """The definition of one case figure, in working days."""
    if name == "first_response_days":
        # From the day the case was opened to the day of the first answer.
        return working_day_number("first_response_on") - working_day_number("created_on")
    if name == "lead_days":
        # From opened to decided or closed, less the days the clock was paused.
        return (
            working_day_number("finished_on")
            - working_day_number("created_on")
            - F("paused_working_days")
        )
    if name == "finished_days_late":
        # From the due date to the day it was finished (0 or less: on time).
        return working_day_number("finished_on") - working_day_number("due_date")
    if name == "due_day_number":
        return working_day_number("due_date")
    raise ValueError(name)


def referral_figure(name: str):
    """The definition of one referral figure, in working days."""
    if name == "answer_days":
        return working_day_number("answered_on") - working_day_number("created_on")
    if name == "answered_days_late":
        return working_day_number("answered_on") - working_day_number("due_date")
    if name == "due_day_number":
        return working_day_number("due_date")
    raise ValueError(name)


def stored_or_computed(name: str, definition, *, all_stored: bool):
    """The stored figure ``name`` of the row, or its definition where none is stored.

    With ``all_stored`` (every case and referral has its row, :func:`figures_complete`) the
    statistics aggregate the figures rows themselves (``CaseFigures``, ``ReferralFigures``)
    and only the column is read. Otherwise the rows are the cases (or referrals) and the
    definition is the fallback: never evaluated where the joined row has the figure, but its
    per-row subplans stay in the plan and make PostgreSQL's cost estimate large (enough to
    switch JIT compilation on).
    """
    if all_stored:
        return F(name)
    return Coalesce(F(f"stats_figures__{name}"), definition, output_field=IntegerField())


def stored_case_figure(name: str, *, all_stored: bool):
    """On ``CaseFigures`` rows when ``all_stored``, else on cases."""
    return stored_or_computed(name, case_figure(name), all_stored=all_stored)


def stored_referral_figure(name: str, *, all_stored: bool):
    """On ``ReferralFigures`` rows when ``all_stored``, else on referrals."""
    return stored_or_computed(name, referral_figure(name), all_stored=all_stored)


# A positive answer of :func:`figures_complete`, remembered: once every row has its figures,
# the services keep it so (they write the figures of every case they change, in the same
# transaction), so only a bulk load can end it, and the bulk writers forget the answer first
# (``forget_figures_complete``). The timeout bounds the harm of a writer that does not.
COMPLETE_CACHE_KEY = "stats:figures-complete"
COMPLETE_CACHE_SECONDS = 15 * 60


def figures_complete() -> bool:
    """Whether every case and every referral has its stored figures.

    One query (an anti-join over all cases and referrals: ~0.3 s at 100,000 cases), asked
    only while the answer is not remembered as yes in the cache.
    """
    if cache.get(COMPLETE_CACHE_KEY):
        return True
    complete = _every_row_has_figures()
    if complete:
        cache.set(COMPLETE_CACHE_KEY, True, COMPLETE_CACHE_SECONDS)
    return complete


def forget_figures_complete() -> None:
    """Call before writing cases or referrals without their figures (bulk loads)."""
    cache.delete(COMPLETE_CACHE_KEY)


def _every_row_has_figures() -> bool:
    from cases.models import Case, Referral

    from .models import CalendarDay

    missing = Exists(Case.objects.filter(stats_figures__isnull=True)) | Exists(
        Referral.objects.filter(stats_figures__isnull=True)
    )
    return not (
        CalendarDay.objects.order_by()
        .annotate(missing=ExpressionWrapper(missing, output_field=BooleanField()))
        .values_list("missing", flat=True)
        .first()
    )


def day_number(day: date) -> Subquery:
    """The working-day number of a fixed day (one uncorrelated look-up per query)."""
    from .models import CalendarDay

    return Subquery(
        CalendarDay.objects.filter(day=day).values("working_day_number")[:1],
        output_field=IntegerField(),
    )


def working_days_late(*, done_on: str, stored_late: str, today: date, all_stored: bool):
    """Working days from the due date to the day it was done (``done_on``), or to ``today``.

    The stored "done late by" figure ``stored_late`` (NULL while not done); for what is not
    done, today's number less the stored due-date number; for a row without stored figures,
    the definition (which needs the ``late_until`` annotation of :func:`with_late_until`).
    Rows as for :func:`stored_or_computed`.
    """
    prefix = "" if all_stored else "stats_figures__"
    stored = [
        F(f"{prefix}{stored_late}"),
        day_number(today) - F(f"{prefix}due_day_number"),
    ]
    if not all_stored:
        stored.append(working_day_number("late_until") - working_day_number("due_date"))
    return Coalesce(*stored, output_field=IntegerField())


def with_late_until(queryset: QuerySet, *, done_on: str, today: date) -> QuerySet:
    return queryset.annotate(late_until=Coalesce(done_on, Value(today)))
