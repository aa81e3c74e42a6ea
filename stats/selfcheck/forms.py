"""The self-check's period (a year, or from/to dates; GET) and the management-review form."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..calendar_table import FIRST_DAY
from ..calendar_table import last_day as calendar_last_day
from ..forms import DateInput


class SelfCheckPeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, data=None, *, today: date | None = None, **kwargs):
        self.today = today or timezone.localdate()
        if data is None:
            kwargs.setdefault("initial", {"year": self.today.year})
        super().__init__(data, **kwargs)

    def clean_year(self) -> int | None:
        year = self.cleaned_data.get("year")
        if year is not None and not FIRST_DAY.year <= year <= self.today.year:
            raise forms.ValidationError(
                _("Choose a year from %(first)s to %(last)s."),
                params={"first": FIRST_DAY.year, "last": self.today.year},
            )
        return year

    def clean(self):
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if self.errors:
            return cleaned
        if bool(start) != bool(end):
            self.add_error(None, _("Give both the start and the end of the period, or a year."))
        elif start and end and start > end:
            self.add_error("end", _("The end of the period must not be before its start."))
        elif start and end and (start < FIRST_DAY or end > calendar_last_day(self.today)):
            self.add_error("start", _("The period is outside the working-day calendar."))
        elif start and end and (end - start).days > 366 * 5:
            self.add_error("start", _("Choose a period of at most five years."))
        return cleaned

    def period(self) -> tuple[date, date]:
        """The chosen dates: from/to when given, else the year (today's year by default)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("start") and data.get("end"):
            return data["start"], data["end"]
        year = data.get("year") or self.today.year
        return date(year, 1, 1), date(year, 12, 31)


class ManagementReviewForm(forms.Form):
    year = forms.IntegerField(label=_("Year"))
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    decisions = forms.CharField(
        label=_("Decisions"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("What the management decided about the business-piloting work."),
    )

    def __init__(self, data=None, *, today: date | None = None, year: int | None = None, **kwargs):
        self.today = today or timezone.localdate()
        kwargs.setdefault("initial", {"year": year or self.today.year, "held_on": self.today})
        super().__init__(data, **kwargs)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 2000 <= year <= self.today.year + 1:
            raise forms.ValidationError(
                _("Choose a year from %(first)s to %(last)s."),
                params={"first": 2000, "last": self.today.year + 1},
            )
        return year

    def clean_held_on(self) -> date:
        held_on = self.cleaned_data["held_on"]
        if held_on > self.today:
            raise forms.ValidationError(_("A review is recorded once it has been held."))
        return held_on

    def clean_decisions(self) -> str:
        decisions = self.cleaned_data["decisions"].strip()
        if not decisions:
            raise forms.ValidationError(_("Write the decisions of the review."))
        return decisions
