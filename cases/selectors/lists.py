"""The case lists' reads: the visible cases with a row's columns, the search, the export's
rows, the status counts, and what the lists' and forms' drop-downs offer."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import Department, User
from lotsportal.text_search import postgresql_condition

from ..models import Case, CaseType, Priority
from ..permissions import visible_cases
from ..workflow import CaseStatus

LIST_RELATED = ("company", "case_type", "lead_department", "coordinator", "door", "assignee")


def search_condition(text: str) -> Q | None:
    """What ``search_cases`` filters on, or None for an empty search.

    On PostgreSQL the shared rule (``lotsportal.text_search``): the Swedish stemmed vector or
    every word as a substring of ``search_text`` (number, title, case type, company name,
    org.nr with or without hyphen), so "servering" finds "Uteservering" and
    "Serveringstillstånd". Elsewhere (the zero-setup SQLite) icontains on the same fields.
    """
    text = (text or "").strip()
    if not text:
        return None
    if connection.vendor == "postgresql":
        return postgresql_condition(text)
    return (
        Q(number__icontains=text)
        | Q(title__icontains=text)
        | Q(description__icontains=text)
        | Q(case_type__name__icontains=text)
        | Q(company__name__icontains=text)
        | Q(company__org_number__icontains=text)
    )


def search_cases(queryset: QuerySet[Case], text: str) -> QuerySet[Case]:
    condition = search_condition(text)
    return queryset if condition is None else queryset.filter(condition)


def case_rows(user) -> QuerySet[Case]:
    """The visible cases with what a row of a list shows."""
    return visible_cases(user).select_related(*LIST_RELATED)


# The columns the case tables draw (templates/cases/includes/case_table.html, the status
# badge, the due text) and the list's cursor: a row reads 17 columns instead of 120 (the
# description, search text and vector, the related rows' every field), a third less
# Python per page of rows.
TABLE_FIELDS = (
    *("number", "title", "confidential", "status", "due_date", "created_at", "merged_into"),
    *("priority", "year", "sequence"),  # shown, and read by the sort's cursor (cases.sorting)
    *("company__name", "case_type__name", "lead_department__name", "door__name"),
    *("coordinator__full_name", "assignee__full_name"),
)


def case_table_rows(user) -> QuerySet[Case]:
    """``case_rows`` with only what the case tables show (not for the API or the export)."""
    return case_rows(user).only(*TABLE_FIELDS)


EXPORT_FIELDS = (
    "number",
    "title",
    "company__name",
    "company__org_number",
    "case_type__name",
    "door__name",
    "lead_department__name",
    "coordinator__full_name",
    "status",
    "priority",
    "created_at",
    "due_date",
)


def export_rows(queryset: QuerySet[Case], *, chunk_size: int) -> Iterator[list]:
    """The rows of the case export, as plain values (no model instances: only the twelve
    columns are read, joined in the one statement), fetched ``chunk_size`` at a time."""
    statuses, priorities = dict(CaseStatus.choices), dict(Priority.choices)
    if not queryset.query.order_by:  # the list's sort, or newest first
        queryset = queryset.order_by("-created_at", "-pk")
    rows = queryset.values_list(*EXPORT_FIELDS)
    for row in rows.iterator(chunk_size=chunk_size):
        *text, status, priority, created_at, due_date = row
        yield [
            *text[:7],
            text[7] or "",
            statuses.get(status, status),
            priorities.get(priority, priority),
            timezone.localtime(created_at).date(),
            due_date,
        ]


def status_counts(queryset: QuerySet[Case]) -> dict[str, int]:
    rows = queryset.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def officials() -> QuerySet[User]:
    """People who can coordinate a case: active users with a department."""
    return User.objects.filter(is_active=True, memberships__isnull=False).distinct()


def active_departments() -> QuerySet[Department]:
    return Department.objects.active()


def offered_case_types() -> QuerySet[CaseType]:
    """The kinds of matter a business may send on the public form."""
    return CaseType.objects.filter(is_active=True, is_public=True).select_related("lead_department")
