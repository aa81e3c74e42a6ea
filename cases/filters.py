"""Filters of the case list (and its CSV export)."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department

from .models import Case, CaseType, Door, Referral
from .selectors import officials, search_cases
from .workflow import CaseStatus


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight of ``day`` in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class DateInput(forms.DateInput):
    input_type = "date"


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.active(),
        method="filter_department",
    )
    case_type = django_filters.ModelChoiceFilter(
        label=_("Case type"), queryset=CaseType.objects.all()
    )
    door = django_filters.ModelChoiceFilter(label=_("Came in by"), queryset=Door.objects.all())
    coordinator = django_filters.ModelChoiceFilter(label=_("Coordinator"), queryset=officials())
    overdue = django_filters.BooleanFilter(
        label=_("Only overdue"), method="filter_overdue", widget=forms.CheckboxInput
    )
    opened_from = django_filters.DateFilter(
        label=_("Opened from"), method="filter_opened_from", widget=DateInput
    )
    opened_to = django_filters.DateFilter(
        label=_("Opened to"), method="filter_opened_to", widget=DateInput
    )

    class Meta:
        model = Case
        fields = ["q", "status", "department", "case_type", "door", "coordinator", "overdue"]

    def filter_search(self, queryset, name, value):
        return search_cases(queryset, value)

    def filter_department(self, queryset, name, value):
        """Cases the department leads, took in, or has been asked about (the referrals as one
        subquery PostgreSQL hashes once, not an EXISTS per row)."""
        routed = Referral.objects.filter(department=value).order_by().values("case_id")
        return queryset.filter(Q(lead_department=value) | Q(opened_in=value) | Q(pk__in=routed))

    # Bounds on created_at itself (a range the list's index serves), not on its date.
    def filter_opened_from(self, queryset, name, value):
        return queryset.filter(created_at__gte=_start_of(value))

    def filter_opened_to(self, queryset, name, value):
        return queryset.filter(created_at__lt=_start_of(value + datetime.timedelta(days=1)))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.overdue(timezone.localdate())
