"""The rows every statistic starts from: the user's counted cases, narrowed by the filter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connections
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import TruncDate
from django.utils import timezone

from cases.models import Case, Referral
from public.models import SurveyResponse

from .. import permissions
from ..aggregates import Grouping, GroupingSetsWithTotal, GroupKey
from ..figures import (
    with_case_dates,
    with_late_until,
    with_referral_dates,
    working_days_late,
)
from ..forms import StatsFilters


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Scope:
    """The user, the filter and "today": what every selector of the page needs."""

    user: object
    filters: StatsFilters
    today: date
    # Every case and referral has its stored figures: read only those (stats.figures).
    figures_stored: bool = False

    @property
    def since(self) -> datetime:
        return start_of_day(self.filters.start)

    @property
    def until(self) -> datetime:
        """The first moment after the period (exclusive)."""
        return start_of_day(self.filters.end + timedelta(days=1))

    def in_period(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.since, f"{field}__lt": self.until})

    def _limited_to_counted(self, queryset: QuerySet, case_path: str) -> QuerySet:
        if permissions.counts_every_case(self.user):
            return queryset
        return queryset.filter(**{f"{case_path}__in": permissions.counted_cases(self.user)})

    def _case_filter(self, prefix: str = "", *, department: bool = True) -> Q:
        filters = self.filters
        condition = Q()
        if department and filters.department is not None:
            condition &= Q(**{f"{prefix}lead_department": filters.department})
        if filters.case_type is not None:
            condition &= Q(**{f"{prefix}case_type": filters.case_type})
        if filters.door is not None:
            condition &= Q(**{f"{prefix}door": filters.door})
        return condition

    def cases(self) -> QuerySet[Case]:
        """Counted cases of the filter, with ``finished_at`` and the local dates annotated."""
        return with_case_dates(permissions.counted_cases(self.user).filter(self._case_filter()))

    def case_rows(self) -> QuerySet:
        """The rows the case figures are aggregated over: one per counted case of the filter.

        With every figure stored (``figures_stored``), ``CaseFigures``: the narrow table that
        carries the figures and the case's columns the statistics group and filter on (its pk
        is the case's). Otherwise the cases themselves (:meth:`cases`), each figure read from
        the joined ``CaseFigures`` where there is one and computed where not. Both have the
        same names: ``created_at``, ``first_response_at``, ``finished_at``, ``finished_on``,
        ``status``, ``due_date``, ``lead_department``, ``case_type``, ``door``; the case's
        other columns through :meth:`case_field`.
        """
        if not self.figures_stored:
            return self.cases()
        rows = permissions.counted_case_figures(self.user).filter(self._case_filter())
        return rows.annotate(finished_on=TruncDate("finished_at"))

    def case_field(self, name: str) -> str:
        """The path from a :meth:`case_rows` row to the case's column ``name``."""
        return f"case__{name}" if self.figures_stored else name

    def referrals(self) -> QuerySet[Referral]:
        """Referrals of counted cases; the department filter means the answering department."""
        referrals = self._limited_to_counted(Referral.objects.all(), "case")
        referrals = referrals.filter(self._case_filter("case__", department=False))
        if self.filters.department is not None:
            referrals = referrals.filter(department=self.filters.department)
        return with_referral_dates(referrals)

    def referral_rows(self) -> QuerySet:
        """The rows the referral figures are aggregated over, as :meth:`case_rows`:
        ``ReferralFigures`` when every figure is stored (pk the referral's; ``case``,
        ``department``, ``created_at``, ``answered_at``, ``answered_on``, ``status``,
        ``due_date`` as on a referral), else :meth:`referrals`."""
        if not self.figures_stored:
            return self.referrals()
        rows = permissions.counted_referral_figures(self.user)
        rows = rows.filter(self._case_filter(department=False))
        if self.filters.department is not None:
            rows = rows.filter(department=self.filters.department)
        return rows.annotate(answered_on=TruncDate("answered_at"))

    def survey_responses(self) -> QuerySet[SurveyResponse]:
        """Answers given in the period to cases of the filter.

        With every figure stored, the counted cases of the filter are read from the narrow
        ``CaseFigures`` (one semi-join), not from the cases; without a narrowing (a samordnare,
        no filter) there is nothing to join.
        """
        responses = SurveyResponse.objects.filter(self.in_period("answered_at"))
        if not self.figures_stored:
            responses = self._limited_to_counted(responses, "case")
            return responses.filter(self._case_filter("case__"))
        if permissions.counts_every_case(self.user) and not self._case_filter():
            return responses
        return responses.filter(case_id__in=self.case_rows().values("pk"))

    def finished_in_period(self) -> Q:
        return Q(status__in=FINISHED) & self.in_period("finished_at")


FINISHED = ("decided", "closed")
ON_TIME = Q(finished_on__lte=F("due_date"))


def one_row(queryset: QuerySet, aggregates: dict) -> dict:
    """``aggregate()`` over the whole queryset, as one grouped row.

    ``aggregate()`` drops annotations it believes unused, and does not see the ones that the
    working-day subqueries reach through ``OuterRef``; grouping by a constant keeps them. An
    empty queryset gives no group: then every count is 0 and every other figure None.
    """
    grouped = queryset.annotate(_all=Value(1)).values("_all").annotate(**aggregates)
    rows = list(grouped.order_by())
    if rows:
        row = rows[0]
        row.pop("_all")
        return row
    return {
        name: 0 if getattr(aggregate, "name", "") == "Count" else None
        for name, aggregate in aggregates.items()
    }


def grouped_with_total(
    queryset: QuerySet, *, key: str, name: str, aggregates: dict, order: tuple[str, ...]
) -> tuple[dict, list[dict]]:
    """The ``aggregates`` per value of ``key`` (as ``name``, sorted by ``order``) and over all
    rows: ``(total, groups)``. On PostgreSQL one statement with ``GROUPING SETS``, one scan of
    the rows for both; elsewhere (SQLite) the grouped statement and ``one_row``.
    """
    if connections[queryset.db].vendor != "postgresql":  # the alias it reads (a replica)
        keyed = queryset.values(key) if key == name else queryset.values(**{name: F(key)})
        rows = keyed.annotate(**aggregates).order_by(*order)
        return one_row(queryset, aggregates), list(rows)
    # The key under a name of its own: ``name`` may be the model's own field (department_id).
    order = tuple("_key" if field == name else field for field in order)
    grouped = (
        queryset.values(_key=GroupKey(F(key)))
        .annotate(_total=Grouping(F(key)), **aggregates)
        .order_by("_total", *order)
    )
    grouped.query.group_by = (GroupingSetsWithTotal(F(key)).resolve_expression(grouped.query),)
    total, groups = None, []
    for row in grouped:
        value = row.pop("_key")
        if row.pop("_total"):
            total = row
        else:
            groups.append({name: value, **row})
    if total is None:  # no rows at all: what one_row gives for an empty queryset
        total = one_row(queryset.none(), aggregates)
    return total, groups


def with_working_days_late(
    queryset: QuerySet, *, done_on: str, stored_late: str, scope: Scope
) -> QuerySet:
    """Annotate ``working_days_late``: from ``due_date`` to the day it was done, or to today
    (stored figures where there are, see ``stats.figures``)."""
    return with_late_until(queryset, done_on=done_on, today=scope.today).annotate(
        working_days_late=working_days_late(
            done_on=done_on,
            stored_late=stored_late,
            today=scope.today,
            all_stored=scope.figures_stored,
        )
    )
