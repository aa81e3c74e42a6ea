from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from lotsportal.validators import BoundedEmailField


class _CrispyMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class SignInForm(_CrispyMixin, auth_forms.AuthenticationForm):
    # At most 254 characters: longer ones are refused before they reach django-axes, which
    # stores the user name of a failed sign-in in 255 characters.
    username = BoundedEmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is wrong. Note that after several failed "
            "attempts the account is locked for a while."
        ),
        "inactive": _("This account is not active. Contact your administrator."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class PasswordChangeForm(_CrispyMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(_CrispyMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(_CrispyMixin, auth_forms.SetPasswordForm):
    pass
