"""What the statistics pages render, computed in SQL with a fixed number of queries.

``statistics_page`` gathers every section; the export and the printable report use the same
objects, so the numbers on screen, in the report and in the files are the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from .. import permissions
from ..calendar_table import ensure_calendar
from ..figures import figures_complete
from ..forms import StatsFilters
from .cases import (
    CaseFigures,
    LateCase,
    MonthRow,
    ShareRow,
    case_figures,
    cases_by_door,
    cases_per_month,
    late_cases,
)
from .clocks import ClockFigures, clock_aggregates, clock_figures_from
from .referrals import (
    LateReferral,
    ReferralFigures,
    late_referrals,
    referral_figures,
)
from .satisfaction import Satisfaction, satisfaction
from .scope import Scope
from .training import TrainingFigures, training_figures

LATE_LIST_LIMIT = 100


@dataclass
class StatisticsPage:
    scope: Scope
    counts_every_case: bool
    totals: CaseFigures
    by_department: list[CaseFigures]
    months: list[MonthRow]
    doors: list[ShareRow]
    late_cases: list[LateCase]
    referral_totals: ReferralFigures
    referrals_by_department: list[ReferralFigures]
    late_referrals: list[LateReferral]
    satisfaction: Satisfaction
    training: TrainingFigures
    clocks: ClockFigures

    @property
    def filters(self) -> StatsFilters:
        return self.scope.filters

    @property
    def late_cases_total(self) -> int:
        return self.totals.late + self.totals.overdue_now

    @property
    def late_referrals_total(self) -> int:
        return self.referral_totals.late + self.referral_totals.overdue_now


def statistics_page(
    *,
    user,
    filters: StatsFilters,
    today: date | None = None,
    late_limit: int | None = LATE_LIST_LIMIT,
) -> StatisticsPage:
    ensure_calendar(today=today)
    scope = Scope(
        user=user,
        filters=filters,
        today=today or timezone.localdate(),
        figures_stored=figures_complete(),
    )
    # The totals and the departments' rows in one statement each (GROUPING SETS), and the
    # clocks' counts ride in the cases' (the same rows: one scan, not three).
    totals, by_department, clock_values = case_figures(scope, clock_aggregates(scope))
    referral_totals, referrals_by_department = referral_figures(scope)
    return StatisticsPage(
        scope=scope,
        counts_every_case=permissions.counts_every_case(user),
        totals=totals,
        by_department=by_department,
        months=cases_per_month(scope),
        doors=cases_by_door(scope),
        late_cases=late_cases(scope, limit=late_limit),
        referral_totals=referral_totals,
        referrals_by_department=referrals_by_department,
        late_referrals=late_referrals(scope, limit=late_limit),
        satisfaction=satisfaction(scope),
        training=training_figures(scope),
        clocks=clock_figures_from(clock_values),
    )
