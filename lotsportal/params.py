"""Query and form parameters read outside a form: ids, years, search text.

``str.isdigit()`` is true for ``"²"`` and ``"١"``, which ``int()`` then refuses (or reads as a
number nobody typed), and PostgreSQL refuses text holding a NUL byte. Every view that reads a
raw parameter reads it through these helpers: a value that is not what the page expects is as
if it had not been given, so the page shows its default instead of an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# The largest id a PostgreSQL ``bigint`` primary key can hold; years and pages are far smaller.
MAX_ID = 2**63 - 1


def parse_int(raw: Any, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """``raw`` as a whole number in ``minimum..maximum`` if it is ASCII digits, else None."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(maximum)):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


def int_param(params: Mapping, name: str, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """The whole-number parameter ``name`` of ``request.GET`` / ``request.POST`` (or None)."""
    return parse_int(params.get(name), minimum=minimum, maximum=maximum)


def int_list_param(params, name: str, *, minimum: int = 1, maximum: int = MAX_ID) -> list[int]:
    """Every valid whole number sent as ``name`` (a multiple choice); the others dropped."""
    values = (parse_int(raw, minimum=minimum, maximum=maximum) for raw in params.getlist(name))
    return [value for value in values if value is not None]


def clean_text(raw: Any, *, max_length: int = 200) -> str:
    """Text a database can hold: no NUL bytes, trimmed, at most ``max_length`` characters."""
    if not isinstance(raw, str):
        return ""
    return raw.replace("\x00", "").strip()[:max_length]


def text_param(params: Mapping, name: str, *, max_length: int = 200) -> str:
    """The free-text parameter ``name`` (a search box), cleaned by ``clean_text``."""
    return clean_text(params.get(name, ""), max_length=max_length)
