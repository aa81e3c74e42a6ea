"""Every read a business-development page needs, with a fixed number of queries whatever the
row count (pinned in ``tests/development/test_query_counts.py``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import ExtractMonth
from django.http import Http404
from django.utils import timezone

from accounts.models import Department, User
from cases.models import Case, CaseType, Company

from .models import (
    DevelopmentEvent,
    Idea,
    Insight,
    Theme,
    Visit,
    VisitGoal,
    VisitParticipant,
    Workshop,
)
from .workflow import IdeaStatus, VisitStatus

NOT_VISITED_MONTHS = 12


@dataclass(frozen=True)
class GoalProgress:
    year: int
    held: int
    planned: int
    goal: int | None

    @property
    def percent(self) -> int | None:
        return round(100 * self.held / self.goal) if self.goal else None


def goal_progress(year: int) -> GoalProgress:
    """Held and planned visits of the year against the goal (the municipality's own goal, or
    else the sum of the departments' goals): two queries."""
    counts = Visit.objects.filter(date__year=year).aggregate(
        held=Count("pk", filter=Q(status=VisitStatus.HELD)),
        planned=Count("pk", filter=Q(status=VisitStatus.PLANNED)),
    )
    goals = VisitGoal.objects.filter(year=year).aggregate(
        whole=Max("visits", filter=Q(department__isnull=True)),
        departments=Sum("visits", filter=Q(department__isnull=False)),
    )
    goal = goals["whole"] if goals["whole"] is not None else goals["departments"]
    return GoalProgress(year=year, held=counts["held"], planned=counts["planned"], goal=goal)


def visits() -> QuerySet[Visit]:
    return Visit.objects.select_related("company", "department").annotate(
        insight_count=Count("insights")
    )


def visit_page(pk: int) -> Visit:
    visit = (
        Visit.objects.select_related("company", "contact", "department", "created_by")
        .prefetch_related(
            Prefetch("taking_part", VisitParticipant.objects.select_related("user")),
            Prefetch(
                "insights",
                Insight.objects.select_related("theme", "case").prefetch_related("departments"),
            ),
            Prefetch("events", DevelopmentEvent.objects.select_related("actor")),
        )
        .filter(pk=pk)
        .first()
    )
    if visit is None:
        raise Http404
    return visit


def insight_for(pk: int) -> Insight:
    insight = Insight.objects.select_related("visit__company", "theme").filter(pk=pk).first()
    if insight is None:
        raise Http404
    return insight


def insight_list(
    *,
    theme_id: int | None = None,
    department_id: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    has_case: bool | None = None,
    has_idea: bool | None = None,
    text: str = "",
) -> QuerySet[Insight]:
    """Insights across all visits, newest visit first, for every official (spreading the
    insights): the insight, its theme and departments, the company and date, whether a case or
    an idea came of it. Never the visit's confidential notes. Filters: theme, department
    concerned, period (the visit's date), has a case, has an idea, free text (the insight or the
    company's name). Paginated, the rows' departments prefetched: a fixed number of queries."""
    idea_exists = Exists(Idea.insights.through.objects.filter(insight_id=OuterRef("pk")))
    rows = (
        Insight.objects.select_related("theme", "visit__company", "visit__department", "case")
        .only(
            "pk",
            "kind",
            "text",
            "created_at",
            "theme__name",
            "case__number",
            "visit__date",
            "visit__status",
            "visit__company__name",
            "visit__department__name",
        )
        .annotate(has_idea=idea_exists)
        .prefetch_related(Prefetch("departments", Department.objects.only("pk", "name")))
    )
    if theme_id:
        rows = rows.filter(theme_id=theme_id)
    if department_id:
        rows = rows.filter(departments=department_id)
    if date_from:
        rows = rows.filter(visit__date__gte=date_from)
    if date_to:
        rows = rows.filter(visit__date__lte=date_to)
    if has_case is not None:
        rows = rows.filter(case__isnull=not has_case)
    if has_idea is not None:
        rows = rows.filter(has_idea=has_idea)
    if text:
        rows = rows.filter(Q(text__icontains=text) | Q(visit__company__name__icontains=text))
    return rows.order_by("-visit__date", "-pk")


def not_visited(
    *, months: int = NOT_VISITED_MONTHS, industry: str = "", area: str = "", size: str = ""
) -> QuerySet[Company]:
    """Companies with no held visit in the last ``months`` months (or none ever), longest
    ago first, filterable by industry, area (city or postal code) and size class."""
    cutoff = timezone.localdate() - datetime.timedelta(days=round(months * 30.44))
    companies = Company.objects.annotate(
        last_visit=Max(
            "development_visits__date",
            filter=Q(development_visits__status=VisitStatus.HELD),
        )
    ).filter(Q(last_visit__lt=cutoff) | Q(last_visit__isnull=True))
    if industry:
        companies = companies.filter(industry__icontains=industry)
    if area:
        companies = companies.filter(Q(city__icontains=area) | Q(postal_code__startswith=area))
    if size:
        companies = companies.filter(size_class=size)
    return companies.order_by("last_visit", "name")


def company_visits(company_id: int) -> list[Visit]:
    """The company page's part: its visits with their insight counts (one query)."""
    return list(
        Visit.objects.filter(company_id=company_id)
        .select_related("department")
        .annotate(insight_count=Count("insights"))
        .order_by("-date", "-pk")[:50]
    )


def ideas(status: str = "") -> QuerySet[Idea]:
    rows = Idea.objects.select_related("department", "owner")
    return rows.filter(status=status) if status else rows


def idea_page(pk: int) -> Idea:
    idea = (
        Idea.objects.select_related("department", "owner", "workshop", "case", "created_by")
        .prefetch_related(
            Prefetch("insights", Insight.objects.select_related("theme", "visit__company")),
            Prefetch("events", DevelopmentEvent.objects.select_related("actor")),
        )
        .filter(pk=pk)
        .first()
    )
    if idea is None:
        raise Http404
    return idea


def workshops() -> QuerySet[Workshop]:
    return Workshop.objects.annotate(
        guest_count=Count("guests", distinct=True), idea_count=Count("ideas", distinct=True)
    ).order_by("-date", "-pk")


def workshop_page(pk: int) -> Workshop:
    workshop = (
        Workshop.objects.select_related("created_by")
        .prefetch_related(
            "participants",
            "guests",
            "steps",
            Prefetch("insights", Insight.objects.select_related("theme", "visit__company")),
            Prefetch("ideas", Idea.objects.select_related("department")),
            Prefetch("events", DevelopmentEvent.objects.select_related("actor")),
        )
        .filter(pk=pk)
        .first()
    )
    if workshop is None:
        raise Http404
    return workshop


def public_improvements() -> QuerySet[Idea]:
    """Realised improvements chosen for publication: what changed and the need behind it
    (no people, no companies)."""
    return (
        Idea.objects.filter(status=IdeaStatus.REALISED, published=True)
        .only("pk", "title", "why", "what", "realised_on")
        .order_by("-realised_on", "-pk")
    )


def officials() -> QuerySet[User]:
    return User.objects.filter(is_active=True, memberships__isnull=False).distinct()


def departments() -> QuerySet[Department]:
    return Department.objects.active()


def themes() -> QuerySet[Theme]:
    return Theme.objects.filter(is_active=True)


def case_types() -> QuerySet[CaseType]:
    return CaseType.objects.filter(is_active=True)


def visits_by_department_and_month(year: int) -> list[dict]:
    """Held visits per department and month, with the department's goal (two queries)."""
    rows = (
        Visit.objects.filter(date__year=year, status=VisitStatus.HELD)
        .annotate(month=ExtractMonth("date"))
        .values("department_id", "department__name", "month")
        .annotate(n=Count("pk"))
    )
    goals = dict(
        VisitGoal.objects.filter(year=year, department__isnull=False).values_list(
            "department_id", "visits"
        )
    )
    table: dict[int, dict] = {}
    for row in rows:
        entry = table.setdefault(
            row["department_id"],
            {"department": row["department__name"], "months": [0] * 12, "total": 0},
        )
        entry["months"][row["month"] - 1] = row["n"]
        entry["total"] += row["n"]
    for department_id, entry in table.items():
        entry["goal"] = goals.get(department_id)
    return sorted(table.values(), key=lambda entry: entry["department"])


@dataclass(frozen=True)
class Statistics:
    year: int
    progress: GoalProgress
    by_department: list[dict]
    by_theme: list[Any]
    by_status: list[tuple[Any, int]]
    realised: int
    lead_days: int | None


def statistics(year: int) -> Statistics:
    """The figures for the Tillväxt- och näringslivsråd, each aggregated in SQL."""
    by_theme = list(
        Insight.objects.filter(created_at__year=year)
        .values("theme__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "theme__name")
    )
    counts = dict(Idea.objects.values_list("status").annotate(n=Count("pk")).order_by())
    first_insight = Subquery(
        Insight.objects.filter(ideas=OuterRef("pk"))
        .order_by("created_at")
        .values("created_at__date")[:1]
    )
    lead = (
        Idea.objects.filter(status=IdeaStatus.REALISED, realised_on__year=year)
        .annotate(first=first_insight)
        .filter(first__isnull=False)
        .annotate(lead=ExpressionWrapper(F("realised_on") - F("first"), DurationField()))
        .aggregate(average=Avg("lead"), n=Count("pk"))
    )
    average = lead["average"]
    return Statistics(
        year=year,
        progress=goal_progress(year),
        by_department=visits_by_department_and_month(year),
        by_theme=by_theme,
        by_status=[(status.label, counts.get(status.value, 0)) for status in IdeaStatus],
        realised=counts.get(IdeaStatus.REALISED, 0),
        lead_days=round(average.total_seconds() / 86400) if average is not None else None,
    )


def all_insights() -> QuerySet[Insight]:
    return Insight.objects.select_related("theme", "visit__company")


def no_cases() -> QuerySet[Case]:
    return Case.objects.none()


def all_workshops() -> QuerySet[Workshop]:
    return Workshop.objects.all()
