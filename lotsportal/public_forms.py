"""Protection for forms anyone can send, without third-party services (no external captcha).

- a honeypot field that people never see and bots fill in,
- a minimum fill time, carried in a signed timestamp (a form sent faster than a person can
  read it is refused; the user's text is kept, so sending again a moment later works),
- a rate limit per client address (django-ratelimit), checked by the view so that a refused
  form is shown again with everything the user typed, plus a clear message. When the cache
  that keeps the counts is unreachable, the limit lets the request through (logged at WARNING):
  a business owner's matter matters more than a counter;
- a one-time key (``OneTimeKeyMixin``): a signed random key in a hidden field, claimed by the
  service in the transaction that stores the submission, so that the same form sent twice
  (replayed, or a double click) stores once and shows the first result;
- the page for a database that is briefly unreachable (``service_unavailable``): status 503,
  ``Retry-After``, and the sent form again with everything typed, rendered without the database.
"""

from __future__ import annotations

import logging
import secrets
import time
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from django import forms
from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage, is_ratelimited

logger = logging.getLogger(__name__)

_SALT = "lotsportal.public-form"
_KEY_SALT = "lotsportal.public-form.once"
HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
ONCE_FIELD = "once_key"
# How long a rendered form's key stays good: a form left open over a weekend still sends.
ONCE_KEY_MAX_AGE = 7 * 86400


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
            _replace_sent_value(self, STARTED_FIELD, signing.dumps(time.time(), salt=_SALT))
            raise forms.ValidationError(self.refused_message, code="no_start") from None
        if time.time() - started < settings.PUBLIC_FORM_MIN_SECONDS:
            raise forms.ValidationError(self.refused_message, code="too_fast")
        return cleaned


def _replace_sent_value(form: forms.Form, name: str, value: str) -> None:
    """Put ``value`` in the bound form's data, so that the form shown again carries it.

    request.POST (a QueryDict) is immutable and may hold lists: it is copied as itself.
    """
    data = form.data.copy() if isinstance(form.data, MultiValueDict) else dict(form.data)
    data[form.add_prefix(name)] = value
    form.data = data


def is_rate_limited(
    request, *, group: str, rate: str | tuple[int, int], every_method: bool = False
) -> bool:
    """Count this request against the client address; True when over ``rate``.

    ``rate`` is django-ratelimit's '5/h' or a tuple (count, seconds). Only POST requests count,
    unless ``every_method`` (for public lookups made with GET). The client address comes from
    ``settings.RATELIMIT_IP_META_KEY`` (a proxy's header in deployment).
    """
    try:
        return is_ratelimited(
            request,
            group=f"public:{group}",
            key="ip",
            rate=rate,
            method=ALL if every_method else "POST",
            increment=True,
        )
    except CACHE_ERRORS as error:
        # Fail open: the counts live in the cache (Redis); without it this request is let
        # through rather than answered with an error that loses what the user typed.
        logger.warning(
            "Rate limit %s not checked, the cache is unreachable (%s: %s); request let through.",
            group,
            type(error).__name__,
            error,
        )
        return False


def accepted_sends_used_up(request, *, group: str, rate: str | tuple[int, int]) -> bool:
    """True when this client address has had ``rate`` sends of ``group`` accepted already.

    Only looks (counts nothing): ``count_accepted_send`` counts a send once it was accepted,
    so that a send refused for a mistake in the form does not use up the business's quota.
    Fails open like ``is_rate_limited``.
    """
    try:
        usage = get_usage(
            request,
            group=f"public:{group}:accepted",
            key="ip",
            rate=rate,
            method=ALL,
            increment=False,
        )
    except CACHE_ERRORS as error:
        logger.warning(
            "Rate limit %s not checked, the cache is unreachable (%s: %s); request let through.",
            group,
            type(error).__name__,
            error,
        )
        return False
    return usage is not None and usage["count"] >= usage["limit"]


def count_accepted_send(request, *, group: str, rate: str | tuple[int, int]) -> None:
    """Count one accepted send of ``group`` for this client address (see above)."""
    try:
        get_usage(
            request,
            group=f"public:{group}:accepted",
            key="ip",
            rate=rate,
            method=ALL,
            increment=True,
        )
    except CACHE_ERRORS as error:
        logger.warning(
            "Accepted send of %s not counted, the cache is unreachable (%s: %s).",
            group,
            type(error).__name__,
            error,
        )


def _cache_errors() -> tuple[type[BaseException], ...]:
    """What a cache that is down raises: redis-py's errors (connection refused, timeouts,
    a Redis that is loading) and the socket errors beneath them."""
    errors: list[type[BaseException]] = [OSError]
    try:
        from redis.exceptions import RedisError
    except ImportError:  # pragma: no cover - redis is a runtime dependency
        pass
    else:
        errors.append(RedisError)
    return tuple(errors)


CACHE_ERRORS = _cache_errors()


RATE_LIMITED_MESSAGE = _(
    "You have sent this form many times in a short while. Wait a little and try again; "
    "what you have written is kept."
)


def new_once_key() -> str:
    """A fresh one-time key for a rendered form: a random value, signed and timestamped."""
    return signing.dumps(secrets.token_urlsafe(24), salt=_KEY_SALT)


def once_key_value(signed: str) -> str | None:
    """The random value inside a signed key, or None when it is missing, forged or too old."""
    try:
        value = signing.loads(signed or "", salt=_KEY_SALT, max_age=ONCE_KEY_MAX_AGE)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) and value else None


class OneTimeKeyMixin(forms.Form):
    """Mix into a public form: a hidden one-time key, new on every rendered form.

    The bound form keeps the key it was sent with, so a form shown again with errors (or
    refused by the rate limit, or while the database is down) sends the same key: a corrected
    send is stored once. The service claims the key (``public.services.once``); a second send
    of a claimed key shows the first result and stores nothing.
    """

    once_key = forms.CharField(widget=forms.HiddenInput, required=False)

    once_refused_message = _(
        "The form could not be sent because it was too old. Send it again; "
        "what you have written is kept."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[ONCE_FIELD] = new_once_key()

    def clean_once_key(self) -> str:
        value = once_key_value(self.cleaned_data.get(ONCE_FIELD, ""))
        if value is None:
            # A missing, forged or expired key: give the form a new one, ask to send again.
            _replace_sent_value(self, ONCE_FIELD, new_once_key())
            # A form-wide message (the key's own field is hidden): shown above the form.
            self.add_error(None, forms.ValidationError(self.once_refused_message, code="no_key"))
            return ""
        return value


RETRY_AFTER_SECONDS = 30


def keep_on_unavailable_page(request: HttpRequest, form: forms.Form) -> None:
    """Mark the public form this POST sent, before the view touches the database: if the
    database turns out to be unreachable, the 503 page shows it again with what was typed."""
    request.public_form = form  # type: ignore[attr-defined]


def service_unavailable(
    request: HttpRequest, *, form: forms.Form | None = None, action: str = ""
) -> HttpResponse:
    """Status 503 with ``Retry-After`` and the friendly page, rendered without the database.

    No request context: no context processor (navigation), no session, no user is touched,
    only the CSRF token (a cookie). With ``form``, the page holds the sent form again with
    every value the user typed, to send once the service is back.
    """
    context = {
        "csrf_token": get_token(request),
        "kept_fields": kept_fields(form) if form is not None else [],
        "action": action or request.get_full_path(),
        "retry_after": getattr(settings, "SERVICE_UNAVAILABLE_RETRY_AFTER", RETRY_AFTER_SECONDS),
        "had_files": bool(form is not None and form.files),
    }
    response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(context["retry_after"])
    response["Cache-Control"] = "no-store"
    return response


def kept_fields(form: forms.Form) -> list[dict[str, Any]]:
    """The bound form's fields as plain data for the 503 page: name, label, kind, value(s).

    Nothing here reads the database: a field whose choices come from a query (the case type)
    keeps its value in a hidden input; files cannot be kept by a browser and are left out.
    """
    fields = []
    for bound in form:
        widget = bound.field.widget
        name = bound.html_name
        if bound.name == HONEYPOT_FIELD or isinstance(widget, forms.FileInput):
            continue
        raw = form.data.getlist(name) if hasattr(form.data, "getlist") else form.data.get(name)
        values = [str(v) for v in (raw if isinstance(raw, list | tuple) else [raw]) if v]
        entry: dict[str, Any] = {
            "name": name,
            "label": bound.label,
            "id": f"kept-{name}",
            "values": values,
            "value": values[0] if values else "",
        }
        if isinstance(widget, forms.HiddenInput) or isinstance(bound.field, forms.ModelChoiceField):
            entry["kind"] = "hidden"
        elif isinstance(widget, forms.Textarea):
            entry["kind"] = "textarea"
        elif isinstance(widget, forms.CheckboxInput):
            entry["kind"] = "checkbox"
        elif isinstance(widget, forms.RadioSelect | forms.Select):
            entry["kind"] = "choice"
            choices = getattr(bound.field, "choices", ())
            entry["choices"] = [(str(key), label) for key, label in choices]
        else:
            entry["kind"] = "input"
            entry["type"] = getattr(widget, "input_type", "text")
        fields.append(entry)
    return fields
