"""The statutory clock's forms on the case page (``cases.services.clocks`` does the work)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import DateInput


class CompletionForm(forms.Form):
    prefix = "completion"
    asked_on = forms.DateField(
        label=_("Asked on"),
        required=False,
        widget=DateInput,
        help_text=_("Empty: today."),
    )
    what = forms.CharField(
        label=_("What is missing"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DocumentsForm(forms.Form):
    prefix = "documents"
    received_on = forms.DateField(
        label=_("Received on"), required=False, widget=DateInput, help_text=_("Empty: today.")
    )
    own_initiative = forms.BooleanField(
        label=_("A supplement on the applicant's own initiative (nothing was asked for)"),
        required=False,
    )


class ExtendForm(forms.Form):
    prefix = "extend"
    weeks = forms.IntegerField(label=_("Extend by (weeks)"), min_value=1, max_value=52)
    to_business = forms.CharField(
        label=_("Why, to the applicant"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The applicant is told before the period runs out (PBL 9 kap. 27 §)."),
    )


class FeeForm(forms.Form):
    prefix = "fee"
    fee_kronor = forms.IntegerField(
        label=_("Fee (kr)"),
        required=False,
        min_value=0,
        max_value=100_000_000,
        help_text=_("Empty: no fee recorded."),
    )


CLOCK_FORMS = {
    "completion": CompletionForm,
    "documents": DocumentsForm,
    "extend": ExtendForm,
    "fee": FeeForm,
}
