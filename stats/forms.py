"""The filter of the statistics pages: period, department, case type and door (GET)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from cases.models import CaseType, Door
from lotsportal.validators import check_date_between

from .calendar_table import FIRST_DAY
from .calendar_table import last_day as calendar_last_day

# The monthly tables and charts stay readable up to five years.
MAX_MONTHS = 60


@dataclass(frozen=True)
class StatsFilters:
    start: date
    end: date
    department: Department | None = None
    case_type: CaseType | None = None
    door: Door | None = None

    def months(self) -> list[date]:
        """The first day of every month from ``start`` to ``end``."""
        months = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append(date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months

    def as_query(self) -> dict[str, str]:
        query = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        for name in ("department", "case_type", "door"):
            value = getattr(self, name)
            if value is not None:
                query[name] = str(value.pk)
        return query


def default_period(today: date) -> tuple[date, date]:
    """The last twelve months: from the first day of the month eleven months back to today."""
    month = today.month - 11
    year = today.year
    if month < 1:
        month += 12
        year -= 1
    return date(year, month, 1), today


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StatsFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.active().order_by("name"),
        required=False,
        empty_label=_("All departments"),
    )
    case_type = forms.ModelChoiceField(
        label=_("Case type"),
        queryset=CaseType.objects.order_by("position", "name"),
        required=False,
        empty_label=_("All case types"),
    )
    door = forms.ModelChoiceField(
        label=_("Came in by"),
        queryset=Door.objects.order_by("position", "name"),
        required=False,
        empty_label=_("All doors"),
    )

    def __init__(self, data=None, *, today: date | None = None, **kwargs):
        self.today = today or timezone.localdate()
        if data is None:
            start, end = default_period(self.today)
            kwargs.setdefault("initial", {"start": start, "end": end})
        super().__init__(data, **kwargs)

    def _in_calendar(self, name: str) -> date | None:
        """A period ends within the working-day calendar the lead times are counted on."""
        value = self.cleaned_data.get(name)
        check_date_between(value, FIRST_DAY, calendar_last_day(self.today))
        return value

    def clean_start(self) -> date | None:
        return self._in_calendar("start")

    def clean_end(self) -> date | None:
        return self._in_calendar("end")

    def clean(self):
        cleaned = super().clean()
        default_start, default_end = default_period(self.today)
        start = cleaned.get("start") or default_start
        end = cleaned.get("end") or default_end
        if "start" in self.errors or "end" in self.errors:
            return cleaned
        if start > end:
            self.add_error("end", _("The end of the period must not be before its start."))
        elif (end.year - start.year) * 12 + end.month - start.month + 1 > MAX_MONTHS:
            self.add_error(
                "start", _("Choose a period of at most %(months)s months.") % {"months": MAX_MONTHS}
            )
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def filters(self) -> StatsFilters:
        """The filters to compute with: the valid ones, or the defaults where input was bad."""
        start, end = default_period(self.today)
        values = {}
        if self.is_valid():
            start, end = self.cleaned_data["start"], self.cleaned_data["end"]
            values = {
                name: self.cleaned_data.get(name) for name in ("department", "case_type", "door")
            }
        return StatsFilters(start=start, end=end, **values)
