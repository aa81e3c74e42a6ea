"""NKI and the six service factors for the filter's cases, reusing ``public.nki``: every
figure of the page from one grouped query (``NkiGrid``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from public.nki import NkiGrid, NkiRow

from .scope import Scope


@dataclass
class Satisfaction:
    total: NkiRow
    by_department: list[NkiRow]
    by_case_type: list[NkiRow]
    by_quarter: list[NkiRow] = field(default_factory=list)
    # Comparable with SKR Insikt: only its four areas (``public.nki.insikt_responses``).
    insikt: NkiRow | None = None

    @property
    def min_answers(self) -> int:
        return self.total.min_answers


def quarters(start: date, end: date) -> list[date]:
    first = date(start.year, (start.month - 1) // 3 * 3 + 1, 1)
    result = []
    while first <= end:
        result.append(first)
        month = first.month + 3
        first = date(first.year + (month > 12), (month - 1) % 12 + 1, 1)
    return result


# From a narrow case row (stats.models.CaseFigures) to the grid's keys: its own copies.
NARROW_KEYS = {
    "department_id": "lead_department_id",
    "department": "lead_department__name",
    "case_type_id": "case_type_id",
    "case_type": "case_type__name",
    "insikt": "case_type__insikt_area",
}


def _grid(scope: Scope) -> NkiGrid:
    """With every figure stored, the counted narrow case rows with an answer in the period,
    grouped by their own department and type (the wide ``cases_case`` is not read); else the
    answers, grouped by their case's."""
    if not scope.figures_stored:
        return NkiGrid(scope.survey_responses(), period="quarter")
    rows = scope.case_rows().filter(
        answer__answered_at__gte=scope.since, answer__answered_at__lt=scope.until
    )
    return NkiGrid(rows, period="quarter", keys=NARROW_KEYS, answer="answer__")


def satisfaction(scope: Scope) -> Satisfaction:
    grid = _grid(scope)
    found = {row.period: row for row in grid.rows((), period=True)}
    min_answers = settings.NKI_MIN_ANSWERS
    by_quarter = [
        found.get(quarter)
        or NkiRow(answers=0, nki_value=None, period=quarter, min_answers=min_answers)
        for quarter in quarters(scope.filters.start, scope.filters.end)
    ]
    return Satisfaction(
        total=grid.total(),
        by_department=grid.rows(("department",)),
        by_case_type=grid.rows(("case_type",)),
        by_quarter=by_quarter,
        insikt=grid.total(insikt=True),
    )
