"""Case figures: opened and finished per month, open now, doors, departments, lead times and
deadlines. Every figure is one aggregate in SQL; see docs/statistics.md for the definitions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, FloatField, Min, Q
from django.db.models.functions import Cast, TruncMonth

from cases.workflow import CaseStatus

from .. import permissions
from ..aggregates import Percentile
from ..figures import stored_case_figure
from .scope import ON_TIME, Scope, grouped_with_total, with_working_days_late


def first_response_days(scope: Scope):
    """Working days from the day the case was opened to the day of the first answer."""
    return stored_case_figure("first_response_days", all_stored=scope.figures_stored)


def lead_days(scope: Scope):
    """Working days from opened to decided or closed, less the days the clock was paused."""
    return stored_case_figure("lead_days", all_stored=scope.figures_stored)


def _float(expression):
    return Cast(expression, FloatField())


@dataclass
class CaseFigures:
    """One row of the department table, or the total."""

    department_id: int | None = None
    department: str = ""
    opened: int = 0
    finished: int = 0
    open_now: int = 0
    waiting_now: int = 0
    overdue_now: int = 0
    answered: int = 0
    unanswered: int = 0
    response_median: float | None = None
    response_p90: float | None = None
    lead_median: float | None = None
    lead_p90: float | None = None
    on_time: int = 0

    @property
    def late(self) -> int:
        return self.finished - self.on_time

    @property
    def on_time_share(self) -> float | None:
        return self.on_time * 100 / self.finished if self.finished else None


def _case_aggregates(scope: Scope) -> dict:
    opened = scope.in_period("created_at")
    answered = opened & Q(first_response_at__isnull=False)
    finished = scope.finished_in_period()
    active = Q(status__in=[CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING])
    overdue = Q(status__in=[CaseStatus.NEW, CaseStatus.OPEN], due_date__lt=scope.today)
    response, lead = _float(first_response_days(scope)), _float(lead_days(scope))
    return {
        "opened": Count("pk", filter=opened),
        "finished": Count("pk", filter=finished),
        "open_now": Count("pk", filter=active),
        "waiting_now": Count("pk", filter=Q(status=CaseStatus.WAITING)),
        "overdue_now": Count("pk", filter=overdue),
        "answered": Count("pk", filter=answered),
        "unanswered": Count("pk", filter=opened & Q(first_response_at__isnull=True)),
        "response_median": Percentile(response, 0.5, filter=answered),
        "response_p90": Percentile(response, 0.9, filter=answered),
        "lead_median": Percentile(lead, 0.5, filter=finished),
        "lead_p90": Percentile(lead, 0.9, filter=finished),
        "on_time": Count("pk", filter=finished & ON_TIME),
    }


def _relevant_cases(scope: Scope):
    """Cases opened or finished in the period, or still being worked on."""
    active = Q(status__in=[CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING])
    return scope.case_rows().filter(
        scope.in_period("created_at") | scope.finished_in_period() | active
    )


def case_figures(
    scope: Scope, also: dict | None = None
) -> tuple[CaseFigures, list[CaseFigures], dict]:
    """The totals, the rows per lead department, and the values of the aggregates ``also``
    over all the rows (each with its own filter): one statement on PostgreSQL."""
    also = also or {}
    total, rows = grouped_with_total(
        _relevant_cases(scope),
        key="lead_department_id",
        name="department_id",
        # The department's name an aggregate: the rows are grouped by an integer, not by the
        # collation of the name; only the few groups are sorted by name.
        aggregates={
            "department": Min("lead_department__name"),
            **_case_aggregates(scope),
            **also,
        },
        order=("department", "department_id"),
    )
    extra = {key: total.pop(key) for key in also}
    total.pop("department")
    departments = []
    for row in rows:
        for key in also:
            row.pop(key)
        departments.append(CaseFigures(**row))
    return CaseFigures(**total), departments, extra


@dataclass
class MonthRow:
    month: date
    opened: int = 0
    finished: int = 0


def cases_per_month(scope: Scope) -> list[MonthRow]:
    """Opened and finished per month of the period; months without cases show zero."""
    opened = (
        scope.case_rows()
        .filter(scope.in_period("created_at"))
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    finished = (
        scope.case_rows()
        .filter(scope.finished_in_period())
        .annotate(month=TruncMonth("finished_at"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    rows = {month: MonthRow(month) for month in scope.filters.months()}
    for key, values in (("opened", opened), ("finished", finished)):
        for value in values:
            month = value["month"]
            month = month.date() if hasattr(month, "date") else month
            setattr(rows[month], key, value["n"])
    return list(rows.values())


@dataclass
class ShareRow:
    key: int | None
    label: str
    count: int
    total: int = 0

    @property
    def share(self) -> float | None:
        return self.count * 100 / self.total if self.total else None


def cases_by_door(scope: Scope) -> list[ShareRow]:
    """How businesses came in: cases opened in the period per door, largest first."""
    rows = list(
        scope.case_rows()
        .filter(scope.in_period("created_at"))
        .values("door_id", "door__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "door__name")
    )
    total = sum(row["n"] for row in rows)
    return [ShareRow(row["door_id"], row["door__name"], row["n"], total) for row in rows]


@dataclass
class LateCase:
    pk: int
    number: str
    title: str | None
    department: str
    case_type_name: str
    status: str
    due_date: date
    finished_on: date | None
    working_days_late: int | None
    readable: bool = True
    status_label: str = field(default="")


def late_cases(scope: Scope, *, limit: int | None = 100) -> list[LateCase]:
    """Finished after the due date in the period, and still open past it today."""
    late = (scope.finished_in_period() & Q(finished_on__gt=F("due_date"))) | Q(
        status__in=[CaseStatus.NEW, CaseStatus.OPEN], due_date__lt=scope.today
    )
    late_cases = scope.case_rows().filter(late)
    if limit is not None:
        # The first ``limit`` picked from the narrow rows alone (a top-N of one table), so that
        # only those join the cases for their number and title: PostgreSQL does not sort below
        # a join by itself, and joined every late case first.
        first = late_cases.order_by("due_date", "pk").values("pk")[:limit]
        late_cases = scope.case_rows().filter(pk__in=first)
    rows = (
        with_working_days_late(
            late_cases, done_on="finished_on", stored_late="finished_days_late", scope=scope
        )
        .annotate(
            readable=permissions.row_is_readable(scope.user),
            case_number=F(scope.case_field("number")),
            case_title=F(scope.case_field("title")),
        )
        .order_by("due_date", "pk")  # ties in the order the cases were opened
        .values(
            "pk",
            "case_number",
            "case_title",
            "status",
            "due_date",
            "finished_on",
            "working_days_late",
            "readable",
            department=F("lead_department__name"),
            case_type_name=F("case_type__name"),
        )
    )
    if limit is not None:
        rows = rows[:limit]
    result = []
    for row in rows:
        row["number"], row["title"] = row.pop("case_number"), row.pop("case_title")
        if not row["readable"]:
            row["title"] = None
        row["status_label"] = str(CaseStatus(row["status"]).label)
        result.append(LateCase(**row))
    return result
