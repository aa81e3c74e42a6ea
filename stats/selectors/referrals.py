"""Referral figures: how fast the departments answer each other, and on time or not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, FloatField, Min, Q
from django.db.models.functions import Cast

from cases.workflow import OPEN_REFERRAL_STATUSES, ReferralStatus

from .. import permissions
from ..aggregates import Percentile
from ..figures import stored_referral_figure
from .scope import Scope, grouped_with_total, with_working_days_late


def answer_days(scope: Scope):
    """Working days from the day the referral was sent to the day it was answered."""
    return stored_referral_figure("answer_days", all_stored=scope.figures_stored)


@dataclass
class ReferralFigures:
    department_id: int | None = None
    department: str = ""
    sent: int = 0
    answered: int = 0
    answer_median: float | None = None
    answer_p90: float | None = None
    on_time: int = 0
    open_now: int = 0
    overdue_now: int = 0

    @property
    def late(self) -> int:
        return self.answered - self.on_time

    @property
    def on_time_share(self) -> float | None:
        return self.on_time * 100 / self.answered if self.answered else None


def _aggregates(scope: Scope) -> dict:
    answered = Q(status=ReferralStatus.ANSWERED) & scope.in_period("answered_at")
    open_now = Q(status__in=OPEN_REFERRAL_STATUSES)
    days = Cast(answer_days(scope), FloatField())
    return {
        "sent": Count("pk", filter=scope.in_period("created_at")),
        "answered": Count("pk", filter=answered),
        "answer_median": Percentile(days, 0.5, filter=answered),
        "answer_p90": Percentile(days, 0.9, filter=answered),
        "on_time": Count("pk", filter=answered & Q(answered_on__lte=F("due_date"))),
        "open_now": Count("pk", filter=open_now),
        "overdue_now": Count("pk", filter=open_now & Q(due_date__lt=scope.today)),
    }


def _relevant(scope: Scope):
    return scope.referral_rows().filter(
        scope.in_period("created_at")
        | scope.in_period("answered_at")
        | Q(status__in=OPEN_REFERRAL_STATUSES)
    )


def referral_figures(scope: Scope) -> tuple[ReferralFigures, list[ReferralFigures]]:
    """The totals and the rows per department: one statement on PostgreSQL."""
    total, rows = grouped_with_total(
        _relevant(scope),
        key="department_id",
        name="department_id",
        aggregates={"department_name": Min("department__name"), **_aggregates(scope)},
        order=("department_name", "department_id"),
    )
    total.pop("department_name")
    return ReferralFigures(**total), [
        ReferralFigures(department=row.pop("department_name"), **row) for row in rows
    ]


@dataclass
class LateReferral:
    pk: int
    case_id: int
    case_number: str
    case_title: str | None
    department_name: str
    status: str
    due_date: date
    answered_on: date | None
    working_days_late: int | None
    readable: bool = True
    status_label: str = ""


def _case_is_readable(scope: Scope):
    if scope.figures_stored:  # the row carries its case's flag
        return permissions.row_is_readable(scope.user, case="case")
    return permissions.case_is_readable(scope.user, "case_id")


def late_referrals(scope: Scope, *, limit: int | None = 100) -> list[LateReferral]:
    """Answered after the answer-by date in the period, and still unanswered past it today."""
    late = (
        Q(status=ReferralStatus.ANSWERED)
        & scope.in_period("answered_at")
        & Q(answered_on__gt=F("due_date"))
    ) | Q(status__in=OPEN_REFERRAL_STATUSES, due_date__lt=scope.today)
    late_referrals = scope.referral_rows().filter(late)
    if limit is not None:  # the first ``limit`` from the narrow rows alone, as in late_cases
        first = late_referrals.order_by("due_date", "case_id", "pk").values("pk")[:limit]
        late_referrals = scope.referral_rows().filter(pk__in=first)
    rows = (
        with_working_days_late(
            late_referrals,
            done_on="answered_on",
            stored_late="answered_days_late",
            scope=scope,
        )
        .annotate(readable=_case_is_readable(scope))
        .order_by("due_date", "case_id", "pk")
        .values(
            "pk",
            "case_id",
            "status",
            "due_date",
            "answered_on",
            "working_days_late",
            "readable",
            case_number=F("case__number"),
            case_title=F("case__title"),
            department_name=F("department__name"),
        )
    )
    if limit is not None:
        rows = rows[:limit]
    result = []
    for row in rows:
        if not row["readable"]:
            row["case_title"] = None
        row["status_label"] = str(ReferralStatus(row["status"]).label)
        result.append(LateReferral(**row))
    return result
