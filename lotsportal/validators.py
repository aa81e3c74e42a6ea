"""Validators shared by the forms and services of every app: sane dates, storable e-mail.

A date a person types is checked against a range that makes sense for what it is (a due date
within a few years from now, a statistics period within the working-day calendar), so a typo
such as 9999-12-31 is answered with a clear message instead of being stored.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

# RFC 5321 limits a forward path to 256 octets, i.e. an address of 254 characters; the
# EmailField columns (Django's default) hold 254 and django-axes stores 255 for a user name.
MAX_EMAIL_LENGTH = 254
DUE_DATE_YEARS_AHEAD = 5


def years_from(day: date, years: int) -> date:
    """The same day ``years`` later (or earlier); 28 February for 29 February off leap years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _shown(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def check_date_between(
    value: date | None, earliest: date | None = None, latest: date | None = None
) -> None:
    """Raise a ValidationError (in the user's language) for a date outside the range."""
    if value is None:
        return
    if latest is not None and value > latest:
        if earliest is None:
            message = _("Choose a date no later than %(latest)s.")
        else:
            message = _("Choose a date from %(earliest)s to %(latest)s.")
    elif earliest is not None and value < earliest:
        if latest is None:
            message = _("Choose a date no earlier than %(earliest)s.")
        else:
            message = _("Choose a date from %(earliest)s to %(latest)s.")
    else:
        return
    params = {
        "earliest": _shown(earliest) if earliest else "",
        "latest": _shown(latest) if latest else "",
    }
    raise ValidationError(message, code="date_out_of_range", params=params)


def latest_due_date(today: date | None = None) -> date:
    """The furthest a due date may be set: ``DUE_DATE_YEARS_AHEAD`` years from today."""
    return years_from(today or timezone.localdate(), DUE_DATE_YEARS_AHEAD)


class BoundedEmailField(forms.EmailField):
    """An e-mail field whose value fits the database column: at most 254 characters.

    (``forms.EmailField`` allows 320; a longer value is refused with Django's own translated
    "at most 254 characters" message, and the input carries ``maxlength``.)
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_EMAIL_LENGTH)
        super().__init__(**kwargs)
