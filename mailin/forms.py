from django import forms
from django.utils.translation import gettext_lazy as _


class ReleaseForm(forms.Form):
    prefix = "release"
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        help_text=_("The case the mail belongs to; it becomes the business's message there."),
    )
