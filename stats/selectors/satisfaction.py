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


def satisfaction(scope: Scope) -> Satisfaction:
    grid = NkiGrid(scope.survey_responses(), period="quarter")
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
