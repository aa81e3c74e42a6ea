"""Protection for forms anyone can send, without third-party services (no external captcha).

- a honeypot field that people never see and bots fill in,
- a minimum fill time, carried in a signed timestamp (a form sent faster than a person can
  read it is refused; the user's text is kept, so sending again a moment later works),
- a rate limit per client address (django-ratelimit), checked by the view so that a refused
  form is shown again with everything the user typed, plus a clear message.
"""

from __future__ import annotations

import time
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from django import forms
from django.conf import settings
from django.core import signing
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

_SALT = "lotsportal.public-form"
HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"


class GuardedPublicFormMixin(forms.Form):
    """Mix into a public form: adds the honeypot and the signed start time."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(widget=forms.HiddenInput, required=False)

    refused_message = _(
        "The form could not be sent. If you are a person, wait a moment and send it again; "
        "what you have written is kept."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[STARTED_FIELD] = signing.dumps(time.time(), salt=_SALT)
        # With crispy forms, the guard fields render out of sight, after the real fields.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *(name for name in self.fields if name not in (HONEYPOT_FIELD, STARTED_FIELD)),
            HTML('{% include "includes/public_form_guard.html" %}'),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned is None:  # a clean() that returns None leaves its result in cleaned_data
            cleaned = self.cleaned_data
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(self.refused_message, code="honeypot")
        try:
            started = float(
                signing.loads(cleaned.get(STARTED_FIELD) or "", salt=_SALT, max_age=86400)
            )
        except (signing.BadSignature, TypeError, ValueError):
            # A missing or forged start time: start the clock now, ask to send again.
            # request.POST (a QueryDict) is immutable and may hold lists: copy it as itself.
            data = self.data.copy() if isinstance(self.data, MultiValueDict) else dict(self.data)
            data[self.add_prefix(STARTED_FIELD)] = signing.dumps(time.time(), salt=_SALT)
            self.data = data
            raise forms.ValidationError(self.refused_message, code="no_start") from None
        if time.time() - started < settings.PUBLIC_FORM_MIN_SECONDS:
            raise forms.ValidationError(self.refused_message, code="too_fast")
        return cleaned


def is_rate_limited(
    request, *, group: str, rate: str | tuple[int, int], every_method: bool = False
) -> bool:
    """Count this request against the client address; True when over ``rate``.

    ``rate`` is django-ratelimit's '5/h' or a tuple (count, seconds). Only POST requests count,
    unless ``every_method`` (for public lookups made with GET). The client address comes from
    ``settings.RATELIMIT_IP_META_KEY`` (a proxy's header in deployment).
    """
    return is_ratelimited(
        request,
        group=f"public:{group}",
        key="ip",
        rate=rate,
        method=ALL if every_method else "POST",
        increment=True,
    )


RATE_LIMITED_MESSAGE = _(
    "You have sent this form many times in a short while. Wait a little and try again; "
    "what you have written is kept."
)
