"""The forms of business development; every label translatable, errors for people."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.errors import InvalidIdentifier
from cases.identifiers import parse_company_identifier
from lotsportal.validators import BoundedEmailField

from . import selectors
from .models import WORKSHOP_STEPS, IdeaSource, InsightKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _officials_field(label):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=selectors.officials(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


class VisitForm(forms.Form):
    org_number = forms.CharField(label=_("Organisationsnummer"), max_length=20)
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        required=False,
        help_text=_("Needed only when the company is not registered yet."),
    )
    department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=selectors.departments()
    )
    date = forms.DateField(label=_("Date"), widget=DATE)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 2}))
    participants = _officials_field(_("Officials taking part"))
    guests = forms.CharField(
        label=_("Politicians and other guests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One name per line."),
    )
    contact_name = forms.CharField(label=_("Business owner met"), max_length=150, required=False)
    contact_email = BoundedEmailField(label=_("Business owner's e-mail"), required=False)

    def clean_org_number(self) -> str:
        try:
            return parse_company_identifier(self.cleaned_data["org_number"]).value
        except InvalidIdentifier as error:
            raise forms.ValidationError(error.message) from error


class VisitHeldForm(forms.Form):
    notes = forms.CharField(
        label=_("Confidential notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class VisitEditForm(forms.Form):
    """A planned visit: date, purpose, officials and guests (and notes); a held one: its
    confidential notes only."""

    date = forms.DateField(label=_("Date"), widget=DATE)
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    participants = _officials_field(_("Officials taking part"))
    guests = forms.CharField(
        label=_("Politicians and other guests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One name per line."),
    )
    notes = forms.CharField(
        label=_("Confidential notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, held: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if held:
            for name in ("date", "purpose", "participants", "guests"):
                del self.fields[name]


class VisitCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the visit cancelled?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class InsightForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InsightKind.choices)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=selectors.themes())
    text = forms.CharField(label=_("Insight"), widget=forms.Textarea(attrs={"rows": 3}))
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments concerned"),
        queryset=selectors.departments(),
        widget=forms.CheckboxSelectMultiple,
    )


YES_NO = [("", _("All")), ("yes", _("Yes")), ("no", _("No"))]


class InsightFilterForm(forms.Form):
    """The filters of the insights page (GET): a field that does not parse is left out of the
    filter and marked, the others still apply."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=selectors.themes(), required=False, empty_label=_("All")
    )
    department = forms.ModelChoiceField(
        label=_("Department concerned"),
        queryset=selectors.departments(),
        required=False,
        empty_label=_("All"),
    )
    date_from = forms.DateField(label=_("Visits from"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Visits until"), required=False, widget=DATE)
    has_case = forms.ChoiceField(label=_("Case opened"), choices=YES_NO, required=False)
    has_idea = forms.ChoiceField(label=_("Idea proposed"), choices=YES_NO, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if select else "form-control"

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})

        def yes_no(name):
            return {"yes": True, "no": False}.get(data.get(name) or "")

        theme, department = data.get("theme"), data.get("department")
        return {
            "theme_id": theme.pk if theme else None,
            "department_id": department.pk if department else None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "has_case": yes_no("has_case"),
            "has_idea": yes_no("has_idea"),
            "text": (data.get("q") or "").strip(),
        }


class OpenCaseForm(forms.Form):
    case_type = forms.ModelChoiceField(label=_("Case type"), queryset=selectors.case_types())
    department = forms.ModelChoiceField(label=_("Department"), queryset=selectors.departments())
    title = forms.CharField(label=_("Title"), max_length=200, required=False)


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    why = forms.CharField(label=_("Why: the need"), widget=forms.Textarea(attrs={"rows": 3}))
    what = forms.CharField(
        label=_("What should change"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    how = forms.CharField(
        label=_("How exactly"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    expected_effect = forms.CharField(
        label=_("Expected effect"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    department = forms.ModelChoiceField(
        label=_("Responsible department"), queryset=selectors.departments()
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=selectors.officials(), required=False)
    next_step_due = forms.DateField(label=_("Next step due"), required=False, widget=DATE)


class NewIdeaForm(IdeaForm):
    source = forms.ChoiceField(label=_("Source"), choices=IdeaSource.choices)
    insights = forms.ModelMultipleChoiceField(
        label=_("Insights behind it"),
        queryset=selectors.all_insights(),
        required=False,
        widget=forms.MultipleHiddenInput,
    )
    workshop = forms.ModelChoiceField(
        queryset=selectors.all_workshops(), required=False, widget=forms.HiddenInput
    )
    # The view narrows the choice to the cases the user may see.
    case = forms.ModelChoiceField(
        queryset=selectors.no_cases(), required=False, widget=forms.HiddenInput
    )


class IdeaMoveForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=())
    reason = forms.CharField(
        label=_("Reason (needed for a rejection)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["to"])
        field.choices = choices


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    participants = _officials_field(_("Officials taking part"))


class WorkshopOfficialsForm(forms.Form):
    participants = _officials_field(_("Officials taking part"))


class GuestRemoveForm(forms.Form):
    guest = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = BoundedEmailField(label=_("E-mail"), required=False)
    company_name = forms.CharField(label=_("Company"), max_length=200, required=False)


class StepForm(forms.Form):
    number = forms.TypedChoiceField(coerce=int, choices=WORKSHOP_STEPS, widget=forms.HiddenInput)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class WorkshopInsightsForm(forms.Form):
    insights = forms.ModelMultipleChoiceField(
        label=_("Insights worked on"),
        queryset=selectors.all_insights(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
