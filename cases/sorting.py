"""The case list's orders: the ``sort`` parameter, the keys it may name, and the column headers.

``sort`` is a key of ``SORT_KEYS``, with a leading ``-`` for the other direction
(``?sort=-due``); anything else is as if it had not been given: newest first. Each key is a
``KeysetOrder`` (cases/pagination.py): its columns, then the case's id as the tie-breaker, all
in one direction, with an index on the same columns (cases/models), so every page of every
order is an index range read from the cursor. None of the keys can be NULL (the due date is
required); the cursor would put NULLs last in both directions if one could.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import F
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models.case import PRIORITY_RANK, STATUS_RANK, Priority
from .models.companies import SwedishCollate
from .pagination import KeysetColumn, KeysetOrder
from .workflow import CaseStatus

_STATUS_RANKS = {str(status): rank for rank, status in enumerate(CaseStatus)}
_PRIORITY_RANKS = {str(priority): rank for rank, priority in enumerate(Priority)}


@dataclass(frozen=True)
class SortKey:
    name: str
    columns: tuple[KeysetColumn, ...]
    ascending_label: Promise
    descending_label: Promise
    first_descending: bool = False  # the direction a first click on the header gives


SORT_KEYS: dict[str, SortKey] = {
    key.name: key
    for key in (
        SortKey(
            "opened",
            (KeysetColumn("created_at", "datetime"),),
            _("Opened, oldest first"),
            _("Opened, newest first"),
            first_descending=True,
        ),
        SortKey(
            "due",
            (KeysetColumn("due_date", "date"),),
            _("Due date, earliest first"),
            _("Due date, latest first"),
        ),
        SortKey(
            "number",
            (KeysetColumn("year", "int"), KeysetColumn("sequence", "int")),
            _("Case number, lowest first"),
            _("Case number, highest first"),
        ),
        SortKey(
            "company",
            (
                KeysetColumn(
                    "sort_company_name",
                    "text",
                    expression=SwedishCollate(F("company__name")),
                    read=lambda case: case.company.name,
                ),
            ),
            _("Company, A to Ö"),
            _("Company, Ö to A"),
        ),
        SortKey(
            "status",
            (
                KeysetColumn(
                    "sort_status_rank",
                    "int",
                    expression=STATUS_RANK,
                    read=lambda case: _STATUS_RANKS.get(case.status, len(_STATUS_RANKS)),
                ),
            ),
            _("Status, new first"),
            _("Status, closed first"),
        ),
        SortKey(
            "priority",
            (
                KeysetColumn(
                    "sort_priority_rank",
                    "int",
                    expression=PRIORITY_RANK,
                    read=lambda case: _PRIORITY_RANKS.get(case.priority, len(_PRIORITY_RANKS)),
                ),
            ),
            _("Priority, low first"),
            _("Priority, high first"),
            first_descending=True,
        ),
    )
}
DEFAULT_SORT = "-opened"


@dataclass(frozen=True)
class SortOrder:
    key: SortKey
    descending: bool

    @property
    def value(self) -> str:
        return f"-{self.key.name}" if self.descending else self.key.name

    @property
    def keyset(self) -> KeysetOrder:
        return KeysetOrder(self.key.columns, descending=self.descending)

    def apply(self, queryset):
        return self.keyset.apply(queryset)


def sort_order(value: str | None) -> SortOrder:
    """The order ``value`` (a ``sort`` parameter) names; the default for anything else."""
    value = value if value in SORT_CHOICE_VALUES else DEFAULT_SORT
    name = value.removeprefix("-")
    return SortOrder(SORT_KEYS[name], descending=value.startswith("-"))


def sort_choices() -> list[tuple[str, Promise]]:
    choices = []
    for key in SORT_KEYS.values():
        both = [(f"-{key.name}", key.descending_label), (key.name, key.ascending_label)]
        choices.extend(both if key.first_descending else both[::-1])
    return choices


SORT_CHOICE_VALUES = frozenset(value for value, _label in sort_choices())


class SortField(forms.ChoiceField):
    """The order drop-down: a value not offered (a hand-made address) is read as the default,
    never an error, so the list and a saved filter keep working."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", sort_choices)
        kwargs["required"] = False
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value if value in SORT_CHOICE_VALUES else ""

    def validate(self, value):
        """Every value is accepted (``to_python`` has made the unknown ones empty)."""


class SortFilter(django_filters.Filter):
    """``sort`` in the filter form: validated there and kept by saved filters; the order itself
    is applied by the list's pagination (``chosen_order``), not by filtering."""

    field_class = SortField

    def filter(self, qs, value):
        return qs


def chosen_order(case_filter) -> SortOrder:
    """The order the list's (validated) filter form asks for."""
    if not case_filter.is_bound:
        return sort_order(None)
    case_filter.errors  # noqa: B018 - validates the form (cleaned_data)
    return sort_order(case_filter.form.cleaned_data.get("sort"))


# The case table's sortable columns and the key each header sorts by.
HEADER_KEYS = {"case": "number", "company": "company", "status": "status", "due": "due"}


@dataclass(frozen=True)
class SortHeader:
    query: str  # the list's query with the order this header's link asks for
    aria_sort: str  # "ascending" / "descending" on the sorted column, else ""
    arrow: str
    hint: Promise


def sort_headers(query: QueryDict, order: SortOrder) -> dict[str, SortHeader]:
    """The links of the table's headers: the list's other parameters kept (``query``, without
    the page and the cursors), the column's order, or the other direction when it is sorted."""
    headers = {}
    for column, name in HEADER_KEYS.items():
        key = SORT_KEYS[name]
        sorted_here = order.key.name == name
        descending = not order.descending if sorted_here else key.first_descending
        link = query.copy()
        link["sort"] = f"-{name}" if descending else name
        state = ("descending" if order.descending else "ascending") if sorted_here else ""
        headers[column] = SortHeader(
            query=link.urlencode(),
            aria_sort=state,
            arrow={"ascending": "▲", "descending": "▼"}.get(state, ""),
            hint=_("sort descending") if descending else _("sort ascending"),
        )
    return headers
