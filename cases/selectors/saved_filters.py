"""Saved filters of the case list ("Mina filter"): which a user may use, and their counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from ..models import Case
from ..permissions import visible_cases

# Saved filters of the case list ("Mina filter"). ``CaseFilter`` is imported where it is used:
# cases/filters.py reads its drop-downs from this module.

SAVED_FILTERS_SHOWN = 12  # on the list page and the start page; the rest are in "Mina filter"


@dataclass
class FilterQuery:
    """A query string of the case list, as the filter form accepted it."""

    query: str  # the known, valid, non-empty fields only, in the form's order
    gone: list[str]  # the labels of the fields whose value the form refused (e.g. a department
    # deleted since the filter was saved)


def clean_filter_query(user, query: str) -> FilterQuery:
    """``query`` through the case list's filter form: what it accepts and which fields it
    refuses. Unknown parameters (and the page's cursor) are dropped, never stored raw."""
    from django.http import QueryDict

    from ..filters import CaseFilter

    data = QueryDict(query)
    case_filter = CaseFilter(data, queryset=Case.objects.none(), user=user)
    form = case_filter.form
    form.is_valid()
    kept = QueryDict(mutable=True)
    gone: list[str] = []
    for name, form_field in form.fields.items():
        value = data.get(name, "")
        if not value.strip():
            continue
        if name in form.errors:
            gone.append(str(form_field.label))
        elif form.cleaned_data.get(name) not in (None, ""):  # not a value read as nothing
            kept[name] = value
    return FilterQuery(query=kept.urlencode(), gone=gone)


def usable_saved_filters(user) -> QuerySet:
    from ..models import SavedFilter
    from ..permissions import is_official, usable_saved_filters_condition

    if not is_official(user):
        return SavedFilter.objects.none()
    return (
        SavedFilter.objects.filter(usable_saved_filters_condition(user))
        .select_related("owner", "shared_with")
        .order_by("name", "pk")
    )


def get_usable_saved_filter(user, pk: int):
    """A saved filter ``user`` may open (own, or shared with their department), or 404."""
    saved = usable_saved_filters(user).filter(pk=pk).first()
    if saved is None:
        raise Http404
    return saved


def get_own_saved_filter(user, pk: int):
    """A saved filter of ``user``'s own (to rename, share or delete), or 404."""
    saved = usable_saved_filters(user).filter(pk=pk, owner=user).first()
    if saved is None:
        raise Http404
    return saved


def saved_filter_querysets(user, saved_filters: list) -> dict[str, QuerySet[Case]]:
    """The cases each saved filter finds, keyed ``saved-<pk>``, for one capped count.

    Built without validating each filter's form (a query per drop-down value per filter):
    the drop-down values of all the filters are looked up together, one query per drop-down
    used, and a value no longer offered is left out (as opening the filter does)."""
    from django import forms
    from django.http import QueryDict

    from ..filters import CaseFilter

    case_filter = CaseFilter(None, queryset=Case.objects.none(), user=user)
    fields = case_filter.form.fields
    datas = [(saved, QueryDict(saved.query)) for saved in saved_filters]
    found: dict[str, dict[str, object]] = {}
    for name, form_field in fields.items():
        if not isinstance(form_field, forms.ModelChoiceField):
            continue
        pks = {
            pk for _saved, data in datas if (pk := data.get(name, "")).isdigit() and len(pk) < 10
        }
        if pks and form_field.queryset is not None:
            found[name] = {str(obj.pk): obj for obj in form_field.queryset.filter(pk__in=pks)}
    querysets: dict[str, QuerySet[Case]] = {}
    for saved, data in datas:
        rows = visible_cases(user)
        for name in data:
            raw = data.get(name, "")
            if name not in fields:
                continue
            value: object
            if name in found or isinstance(fields[name], forms.ModelChoiceField):
                value = found.get(name, {}).get(raw)
                if value is None:
                    continue
            else:  # as the form reads it (a checkbox's "on" is True)
                widget_value = fields[name].widget.value_from_datadict(data, {}, name)
                try:
                    value = fields[name].clean(widget_value)
                except forms.ValidationError:
                    continue
            rows = case_filter.filters[name].filter(rows, value)
        querysets[f"saved-{saved.pk}"] = rows
    return querysets


@dataclass
class SavedFilterRow:
    saved: Any
    count: int
    is_own: bool
    cap: int

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap

    @property
    def shown_count(self) -> str:
        return f"{self.cap}+" if self.is_capped else str(self.count)


def saved_filters_with_counts(
    user, limit: int = SAVED_FILTERS_SHOWN, cap: int | None = None
) -> list[SavedFilterRow]:
    """The user's own and shared saved filters (at most ``limit``) with their capped counts:
    the filters, one query per drop-down they use, and one statement for all the counts."""
    from ..pagination import COUNT_CAP, capped_counts

    cap = COUNT_CAP if cap is None else cap
    saved_filters = list(usable_saved_filters(user)[:limit])
    if not saved_filters:
        return []
    counts = capped_counts(saved_filter_querysets(user, saved_filters), cap=cap)
    return [
        SavedFilterRow(
            saved=saved,
            count=counts[f"saved-{saved.pk}"],
            is_own=saved.owner_id == user.pk,
            cap=cap,
        )
        for saved in saved_filters
    ]
