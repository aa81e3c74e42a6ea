"""Mitt arbete: the official's three bounded lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts import permissions as roles

from ..models import Referral
from ..permissions import visible_cases
from ..workdays import add_working_days
from ..workflow import ACTIVE_CASE_STATUSES, OPEN_REFERRAL_STATUSES, CaseStatus
from .lists import case_table_rows

DUE_SOON_WORKING_DAYS = 2
MY_WORK_LIMIT = 20  # rows per section of Mitt arbete; the rest a page further


@dataclass
class Section:
    """One bounded list of Mitt arbete: a page of rows, and whether there are more."""

    rows: list
    number: int = 1
    has_next: bool = False

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def _section(queryset: QuerySet, number: int) -> Section:
    start = (number - 1) * MY_WORK_LIMIT
    rows = list(queryset[start : start + MY_WORK_LIMIT + 1])
    return Section(rows=rows[:MY_WORK_LIMIT], number=number, has_next=len(rows) > MY_WORK_LIMIT)


@dataclass
class MyWork:
    coordinating: Section
    incoming: Section
    attention: Section
    today: date | None = None
    soon: date | None = None


MY_WORK_SECTIONS = ("attention", "incoming", "coordinating")


def my_work(user, pages: dict[str, int] | None = None) -> MyWork:
    """The official's three lists, each at most MY_WORK_LIMIT rows a page (``pages`` gives a
    section's page number), so the page stays small however much work there is."""
    pages = pages or {}
    today = timezone.localdate()
    soon = add_working_days(today, DUE_SOON_WORKING_DAYS)
    departments = roles.department_ids(user)
    coordinating = (
        case_table_rows(user)
        .filter(coordinator=user, status__in=ACTIVE_CASE_STATUSES)
        .order_by("due_date", "pk")
    )
    incoming = (
        Referral.objects.filter(
            department_id__in=departments,
            status__in=OPEN_REFERRAL_STATUSES,
            case__in=visible_cases(user),
        )
        .select_related("case", "case__company", "department", "assignee", "requested_by")
        .order_by("due_date", "pk")
    )
    attention = (
        case_table_rows(user)
        .filter(
            Q(coordinator=user) | Q(lead_department_id__in=departments),
            status__in=[CaseStatus.NEW, CaseStatus.OPEN],
            due_date__lte=soon,
        )
        .order_by("due_date", "pk")
    )
    return MyWork(
        coordinating=_section(coordinating, pages.get("coordinating", 1)),
        incoming=_section(incoming, pages.get("incoming", 1)),
        attention=_section(attention, pages.get("attention", 1)),
        today=today,
        soon=soon,
    )
