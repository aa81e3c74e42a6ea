"""NKI (nöjd-kund-index) and the service factors, computed in SQL.

Per answer, the three overall questions are averaged and rescaled to 0–100:
``(mean − 1) / (scale_max − 1) × 100``. Answers on different scales (1–6, 1–10) are thus
comparable, and a group's NKI is the mean of its answers' rescaled values. A factor score is
rescaled the same way. A figure is shown only from ``settings.NKI_MIN_ANSWERS`` answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Avg, Count, F, FloatField, QuerySet, Sum, Value
from django.db.models.functions import Cast, TruncMonth, TruncQuarter
from django.utils.translation import gettext_lazy as _

from .models import FACTOR_FIELDS, OVERALL_FIELDS, SurveyResponse

FACTOR_LABELS = {
    "information": _("Information"),
    "tillganglighet": _("Accessibility (tillgänglighet)"),
    "bemotande": _("Treatment (bemötande)"),
    "kompetens": _("Competence"),
    "rattssakerhet": _("Legal certainty (rättssäkerhet)"),
    "effektivitet": _("Efficiency"),
}

# (lowest rounded value, code, label), highest first.
BANDS = (
    (80, "very_high", _("very high")),
    (70, "high", _("high")),
    (62, "acceptable", _("acceptable")),
    (50, "low", _("low")),
    (0, "very_low", _("very low")),
)

GROUPS = {
    "department": ("case__lead_department_id", "case__lead_department__name"),
    "case_type": ("case__case_type_id", "case__case_type__name"),
}
PERIODS = {"quarter": TruncQuarter, "month": TruncMonth}


@dataclass(frozen=True)
class Band:
    code: str
    label: str


def band_for(value: float | None) -> Band | None:
    """The municipalities' bands, applied to the figure as it is reported (a whole number)."""
    if value is None:
        return None
    reported = int(value + 0.5)
    for lowest, code, label in BANDS:
        if reported >= lowest:
            return Band(code, str(label))
    return Band(BANDS[-1][1], str(BANDS[-1][2]))


def _float(expression):
    return Cast(expression, FloatField())


def _rescaled(expression, prefix: str = ""):
    """A value on 1..scale_max as 0–100 (``prefix``: the path to the answer, e.g. "answer__")."""
    scale_max = _float(F(f"{prefix}scale_max"))
    return (_float(expression) - Value(1.0)) / (scale_max - Value(1.0)) * Value(100.0)


def answer_nki_expression(prefix: str = ""):
    first, second, third = (F(f"{prefix}{name}") for name in OVERALL_FIELDS)
    return _rescaled(_float(first + second + third) / Value(3.0), prefix)


@dataclass(frozen=True)
class NkiRow:
    answers: int
    nki_value: float | None
    factor_values: dict[str, float | None] = field(default_factory=dict)
    department_id: int | None = None
    department: str = ""
    case_type_id: int | None = None
    case_type: str = ""
    period: date | None = None
    min_answers: int = 7

    @property
    def quarter(self) -> int | None:
        return (self.period.month - 1) // 3 + 1 if self.period else None

    @property
    def shown(self) -> bool:
        return self.answers >= self.min_answers

    @property
    def publishable(self) -> bool:
        """Enough answers to publish for comparison with other municipalities (10 per area)."""
        return self.answers >= settings.NKI_MIN_ANSWERS_PUBLIC

    @property
    def nki(self) -> int | None:
        """The reported figure (a whole number), or None when there are too few answers."""
        if not self.shown or self.nki_value is None:
            return None
        return int(self.nki_value + 0.5)

    @property
    def band(self) -> Band | None:
        return band_for(self.nki_value) if self.nki is not None else None

    @property
    def factors(self) -> list[dict]:
        rows = []
        for name in FACTOR_FIELDS:
            value = self.factor_values.get(name)
            shown = self.shown and value is not None
            rows.append(
                {
                    "name": name,
                    "label": FACTOR_LABELS[name],
                    "score": int(value + 0.5) if shown else None,
                    "band": band_for(value) if shown else None,
                }
            )
        return rows


def _aggregates() -> dict:
    return {
        "answers": Count("pk"),
        "nki_value": Avg(answer_nki_expression()),
        **{f"factor_{name}": Avg(_rescaled(F(name))) for name in FACTOR_FIELDS},
    }


def _row(values: dict, min_answers: int) -> NkiRow:
    period = values.get("period")
    if isinstance(period, datetime):
        period = period.date()
    return NkiRow(
        answers=values["answers"],
        nki_value=values["nki_value"],
        factor_values={name: values[f"factor_{name}"] for name in FACTOR_FIELDS},
        department_id=values.get("case__lead_department_id"),
        department=values.get("case__lead_department__name") or "",
        case_type_id=values.get("case__case_type_id"),
        case_type=values.get("case__case_type__name") or "",
        period=period,
        min_answers=min_answers,
    )


def nki_rows(
    *,
    responses: QuerySet[SurveyResponse] | None = None,
    by: tuple[str, ...] = ("department", "case_type"),
    period: str | None = None,
    min_answers: int | None = None,
) -> list[NkiRow]:
    """NKI and factor scores per group (department, case type) and period, in one query.

    ``period`` is "quarter", "month" or None. Groups with too few answers are returned too,
    with their count, so that a page can say "too few answers".
    """
    responses = SurveyResponse.objects.all() if responses is None else responses
    min_answers = settings.NKI_MIN_ANSWERS if min_answers is None else min_answers
    keys: list[str] = []
    for group in by:
        keys.extend(GROUPS[group])
    if period is not None:
        responses = responses.annotate(period=PERIODS[period]("answered_at"))
        keys.append("period")
    ordering = [key for key in keys if not key.endswith("_id")]
    rows = responses.values(*keys).annotate(**_aggregates()).order_by(*ordering)
    return [_row(values, min_answers) for values in rows]


def nki_total(
    *, responses: QuerySet[SurveyResponse] | None = None, min_answers: int | None = None
) -> NkiRow:
    """One figure over all the given answers."""
    responses = SurveyResponse.objects.all() if responses is None else responses
    min_answers = settings.NKI_MIN_ANSWERS if min_answers is None else min_answers
    return _row(responses.aggregate(**_aggregates()), min_answers)


INSIKT_AREAS = _("bygglov, miljö- och hälsoskydd, livsmedelskontroll, serveringstillstånd")


def insikt_responses(responses: QuerySet[SurveyResponse]) -> QuerySet[SurveyResponse]:
    """The answers SKR Insikt's total NKI counts since 2024: cases of the case types marked
    as one of its four areas (``CaseType.insikt_area``, set in admin)."""
    return responses.filter(case__case_type__insikt_area=True)


# The grid's finest groups: what each key is read from on an answer.
GRID_KEYS = {
    "department_id": GROUPS["department"][0],
    "department": GROUPS["department"][1],
    "case_type_id": GROUPS["case_type"][0],
    "case_type": GROUPS["case_type"][1],
    "insikt": "case__case_type__insikt_area",
}
# A coarser group is named by these of the grid's keys, and sorted by its names.
GRID_GROUPS = {
    "department": ("department_id", "department"),
    "case_type": ("case_type_id", "case_type"),
}


@dataclass(frozen=True)
class _Cell:
    """One group of the grid: sums and counts, so that any union of cells is exact."""

    keys: dict
    answers: int
    nki_sum: float
    factor_sums: dict[str, float]
    factor_counts: dict[str, int]


class NkiGrid:
    """Every NKI figure of a page from one query: the answers grouped by department, case type
    (with its Insikt flag) and period, and each coarser figure (the total, per department, per
    case type, per period, the Insikt areas') summed from those groups.

    Exact, since an NKI and a factor score are means: a union of groups is the sum of their
    values over the sum of their counts (a factor's count is its answered questions, the
    factors being optional). One scan of the answers instead of one per table.
    """

    def __init__(
        self,
        responses: QuerySet,
        *,
        period: str | None = "quarter",
        min_answers: int | None = None,
        keys: dict[str, str] | None = None,
        answer: str = "",
    ):
        """``responses``: the answers; or rows that each carry one answer at the path
        ``answer`` (e.g. "answer__"), with the grouping keys at the paths ``keys`` (the names
        of ``GRID_KEYS``), such as the statistics' narrow case rows."""
        self.min_answers = settings.NKI_MIN_ANSWERS if min_answers is None else min_answers
        keys = dict(keys or GRID_KEYS)
        if period is not None:
            responses = responses.annotate(grid_period=PERIODS[period](f"{answer}answered_at"))
            keys["period"] = "grid_period"
        aggregates = {
            "answers": Count(f"{answer}pk"),
            "nki_sum": Sum(answer_nki_expression(answer)),
            **{f"sum_{n}": Sum(_rescaled(F(f"{answer}{n}"), answer)) for n in FACTOR_FIELDS},
            **{f"count_{n}": Count(f"{answer}{n}") for n in FACTOR_FIELDS},
        }
        values = responses.values(*keys.values()).annotate(**aggregates).order_by()
        self.cells = [
            _Cell(
                keys={name: row[path] for name, path in keys.items()},
                answers=row["answers"],
                nki_sum=row["nki_sum"] or 0.0,
                factor_sums={name: row[f"sum_{name}"] or 0.0 for name in FACTOR_FIELDS},
                factor_counts={name: row[f"count_{name}"] for name in FACTOR_FIELDS},
            )
            for row in values
        ]

    def _row(self, cells: list[_Cell], keys: dict) -> NkiRow:
        answers = sum(cell.answers for cell in cells)
        factors = {}
        for name in FACTOR_FIELDS:
            count = sum(cell.factor_counts[name] for cell in cells)
            total = sum(cell.factor_sums[name] for cell in cells)
            factors[name] = total / count if count else None
        period = keys.get("period")
        return NkiRow(
            answers=answers,
            nki_value=sum(cell.nki_sum for cell in cells) / answers if answers else None,
            factor_values=factors,
            department_id=keys.get("department_id"),
            department=keys.get("department") or "",
            case_type_id=keys.get("case_type_id"),
            case_type=keys.get("case_type") or "",
            period=period.date() if isinstance(period, datetime) else period,
            min_answers=self.min_answers,
        )

    def total(self, *, insikt: bool = False) -> NkiRow:
        """Over every answer, or (``insikt``) those SKR Insikt counts (``insikt_responses``)."""
        cells = [cell for cell in self.cells if cell.keys["insikt"] or not insikt]
        return self._row(cells, {})

    def rows(self, by: tuple[str, ...] = ("department",), *, period: bool = False) -> list[NkiRow]:
        """One row per group, as :func:`nki_rows` would give them (sorted by the groups' names,
        then the period; a missing name last)."""
        names = [key for group in by for key in GRID_GROUPS[group]]
        if period:
            names.append("period")
        groups: dict[tuple, list[_Cell]] = {}
        for cell in self.cells:
            groups.setdefault(tuple(cell.keys[name] for name in names), []).append(cell)
        rows = [
            self._row(cells, dict(zip(names, key, strict=True))) for key, cells in groups.items()
        ]
        sort_by = [name for name in names if not name.endswith("_id")]
        return sorted(rows, key=lambda row: [_missing_last(getattr(row, n)) for n in sort_by])


def _missing_last(value) -> tuple:
    """A sort key that puts a missing name ("" on a row) or period last, as SQL's NULLS LAST."""
    return (False, value) if value else (True, "")
