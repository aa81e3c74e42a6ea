"""The form that names a saved filter of the case list and says whom it is shared with."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import permissions as roles
from accounts.models import Department

from .models.saved_filters import NAME_LENGTH, QUERY_LENGTH


class SavedFilterForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_LENGTH)
    shared_with = forms.ModelChoiceField(
        label=_("Share with"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("Nobody (only me)"),
        help_text=_("Everyone in the department sees it on their case list and start page."),
    )
    query = forms.CharField(required=False, max_length=QUERY_LENGTH * 2, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = (  # type: ignore[attr-defined]
            Department.objects.active()
            .filter(pk__in=sorted(roles.department_ids(user)))
            .order_by("name")
        )
