"""Deadlines kept per clock and fee reductions (PBL 12 kap. 8 a §), read with the case totals,
and service guarantees kept, over the filter's cases (the NKI comparable with SKR Insikt is in
``satisfaction``).

Kept where it is (not in ``statistics_page``) so the clocks' figures stay one module beside
the others; see docs/clocks.md for the definitions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum

from cases.guarantees import GuaranteeFigures, guarantees_kept
from cases.models import ClockKind
from cases.workflow import CaseStatus

from .scope import Scope

STATUTORY = Q(statutory_received_on__isnull=False, status=CaseStatus.DECIDED)
SERVICE_LEVEL = ~Q(case_type__clock=ClockKind.STATUTORY)
REDUCED = Q(fee_reduction_fifths__gt=0)


@dataclass(frozen=True)
class ClockFigures:
    statutory_decided: int = 0
    statutory_kept: int = 0
    service_finished: int = 0
    service_kept: int = 0
    reduced: int = 0
    # The sum in kronor, over the reduced cases that have their fee recorded.
    reduced_kronor: int = 0
    # Reduced cases without a recorded fee: counted, and their mean share of the fee.
    reduced_without_fee: int = 0
    reduced_without_fee_fifths: int = 0

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return part * 100 / whole if whole else None

    @property
    def statutory_kept_share(self) -> float | None:
        return self._share(self.statutory_kept, self.statutory_decided)

    @property
    def service_kept_share(self) -> float | None:
        return self._share(self.service_kept, self.service_finished)

    @property
    def reduced_without_fee_percent(self) -> float | None:
        if not self.reduced_without_fee:
            return None
        return self.reduced_without_fee_fifths * 20 / self.reduced_without_fee


CLOCK_KEYS = tuple(ClockFigures.__dataclass_fields__)


def clock_aggregates(scope: Scope) -> dict:
    """The clocks' counts over the cases finished in the period, as filtered aggregates, so
    that they ride in the statement of the case totals (``cases.case_figures(scope, also)``):
    the same rows, one scan fewer."""
    finished = scope.finished_in_period()
    reduced = finished & REDUCED
    no_fee = reduced & Q(fee_kronor__isnull=True)
    statutory = finished & STATUTORY
    service = finished & SERVICE_LEVEL
    return {
        "statutory_decided": Count("pk", filter=statutory),
        "statutory_kept": Count(
            "pk", filter=statutory & Q(finished_on__lte=F("statutory_due_date"))
        ),
        "service_finished": Count("pk", filter=service),
        "service_kept": Count("pk", filter=service & Q(finished_on__lte=F("due_date"))),
        "reduced": Count("pk", filter=reduced),
        "reduced_kronor": Sum(
            F("fee_kronor") * F("fee_reduction_fifths") / 5,
            filter=reduced & Q(fee_kronor__isnull=False),
        ),
        "reduced_without_fee": Count("pk", filter=no_fee),
        "reduced_without_fee_fifths": Sum("fee_reduction_fifths", filter=no_fee),
    }


def clock_figures_from(row: dict) -> ClockFigures:
    """The figures out of a row that carried :func:`clock_aggregates` (its keys removed)."""
    return ClockFigures(**{key: row.pop(key) or 0 for key in CLOCK_KEYS})


def guarantee_figures(scope: Scope) -> list[GuaranteeFigures]:
    """Kept and breached per service guarantee, among those started in the period for the
    filter's cases (the outcomes stored by the daily sweep)."""
    return guarantees_kept(scope.filters.start, scope.filters.end, cases=scope.cases())
