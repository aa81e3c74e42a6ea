"""NKI and the six service factors for the filter's cases, reusing ``public.nki``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from public.nki import NkiRow, nki_rows, nki_total

from .scope import Scope


@dataclass
class Satisfaction:
    total: NkiRow
    by_department: list[NkiRow]
    by_case_type: list[NkiRow]
    by_quarter: list[NkiRow] = field(default_factory=list)

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
    responses = scope.survey_responses()
    found = {row.period: row for row in nki_rows(responses=responses, by=(), period="quarter")}
    min_answers = settings.NKI_MIN_ANSWERS
    by_quarter = [
        found.get(quarter)
        or NkiRow(answers=0, nki_value=None, period=quarter, min_answers=min_answers)
        for quarter in quarters(scope.filters.start, scope.filters.end)
    ]
    return Satisfaction(
        total=nki_total(responses=responses),
        by_department=nki_rows(responses=responses, by=("department",)),
        by_case_type=nki_rows(responses=responses, by=("case_type",)),
        by_quarter=by_quarter,
    )
