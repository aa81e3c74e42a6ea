"""The forms of the bulk actions on the case list: one action on each ticked case."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lotsportal.validators import check_date_between, latest_due_date

from .forms import DateInput, StatusFieldsForm
from .selectors import active_departments, officials

MAX_BULK_CASES = 100  # cases per bulk action, unless the setting ``CASES_BULK_LIMIT`` says


def bulk_limit() -> int:
    """How many cases one bulk action takes at most (the ticked, or all of a filter)."""
    return int(getattr(settings, "CASES_BULK_LIMIT", MAX_BULK_CASES))


ASSIGN, ROUTE, STATUS, EXPORT = "assign", "route", "status", "export"
ACTIONS = {
    ASSIGN: _("Assign"),
    ROUTE: _("Route"),
    STATUS: _("Change status"),
    EXPORT: _("Export the chosen"),
}


class BulkAssignForm(forms.Form):
    prefix = "bulk"
    assignee = forms.ModelChoiceField(label=_("Colleague"), queryset=officials())


class BulkRouteForm(forms.Form):
    prefix = "bulk"
    department = forms.ModelChoiceField(label=_("Department"), queryset=active_departments())
    request_text = forms.CharField(
        label=_("Question or request"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(
        label=_("Answer by"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty for 5 working days."),
    )

    def clean_due_date(self):
        due_date = self.cleaned_data.get("due_date")
        check_date_between(due_date, latest=latest_due_date())
        return due_date


class BulkStatusForm(StatusFieldsForm):
    prefix = "bulk"
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only officials see the comment."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_business"].help_text = _(
            "For a decision or closing: what each business is told. Shown on its case page "
            "and e-mailed to the contact person."
        )


FORMS: dict[str, type[forms.Form]] = {
    ASSIGN: BulkAssignForm,
    ROUTE: BulkRouteForm,
    STATUS: BulkStatusForm,
}
