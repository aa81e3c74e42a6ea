"""Swedish organisationsnummer and personnummer: validation and the stored form.

Stored form is ``NNNNNN-NNNN``. The 12-digit form (``16`` + organisationsnummer, or a
personnummer with the century) is accepted and normalised.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr, personnummer

from .errors import InvalidIdentifier


class IdentifierKind(models.TextChoices):
    ORGANISATIONSNUMMER = "organisationsnummer", _("Organisationsnummer")
    PERSONNUMMER = "personnummer", _("Personnummer (sole trader)")


@dataclass(frozen=True)
class CompanyIdentifier:
    value: str
    kind: str


def _digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def _ascii_digits(value: str) -> str:
    """Digits of other scripts as their ASCII digit (a pasted "５５６０３６" is 556036)."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in value or "")


def parse_company_identifier(raw: str) -> CompanyIdentifier:
    """Validate and normalise; raises ``InvalidIdentifier`` with a reason a person understands."""
    raw = _ascii_digits(raw)
    text = _digits(raw)
    if not text:
        raise InvalidIdentifier(_("An organisationsnummer has 10 digits, e.g. 556036-0793."))
    if "+" in text:
        # A personnummer of someone aged 100 or more.
        return _parse_personnummer(raw)
    if not (text.isascii() and text.isdigit()):  # "²" is a digit to isdigit()
        raise InvalidIdentifier(_("Only digits and one hyphen are allowed, e.g. 556036-0793."))
    if len(text) == 12 and text.startswith("16"):
        text = text[2:]
    elif len(text) == 12:
        return _parse_personnummer(text)
    if len(text) != 10:
        raise InvalidIdentifier(_("An organisationsnummer has 10 digits, e.g. 556036-0793."))
    if int(text[2:4]) >= 20:
        try:
            orgnr.validate(text)
        except StdnumError:
            raise InvalidIdentifier(
                _("The check digit does not match: check the organisationsnummer.")
            ) from None
        return CompanyIdentifier(f"{text[:6]}-{text[6:]}", IdentifierKind.ORGANISATIONSNUMMER)
    return _parse_personnummer(text)


def _is_samordningsnummer(raw: str) -> bool:
    """Day + 60 (stdnum does not accept these): a valid date after subtracting 60, and Luhn."""
    digits = re.sub(r"\D", "", raw)[-10:]
    if len(digits) != 10 or not 61 <= int(digits[4:6]) <= 91:
        return False
    month, day = int(digits[2:4]), int(digits[4:6]) - 60
    for century in (1900, 2000):
        try:
            date(century + int(digits[:2]), month, day)
        except ValueError:
            continue
        return luhn.is_valid(digits)
    return False


def _parse_personnummer(raw: str) -> CompanyIdentifier:
    try:
        if _is_samordningsnummer(raw):
            compact = raw.strip()
        else:
            compact = personnummer.validate(raw)
    except StdnumError:
        raise InvalidIdentifier(
            _(
                "Not a valid organisationsnummer (digits 3–4 must be 20 or more) "
                "nor a valid personnummer."
            )
        ) from None
    digits = re.sub(r"\D", "", compact)
    separator = "+" if "+" in compact else "-"
    short = digits[-10:]
    return CompanyIdentifier(f"{short[:6]}{separator}{short[6:]}", IdentifierKind.PERSONNUMMER)


def is_valid_company_identifier(raw: str) -> bool:
    try:
        parse_company_identifier(raw)
    except InvalidIdentifier:
        return False
    return True


def luhn_check_digit(nine_digits: str) -> str:
    """The Luhn check digit for nine digits (used by the demo data to make valid numbers)."""
    total = 0
    for index, char in enumerate(nine_digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)
