"""The portal's e-mails as an administrator may reword them: which there are, their
placeholders, and rendering an edited text (or the shipped one) for sending and preview.

An edited text is not a Django template: it is plain text whose ``{{ name }}`` placeholders are
replaced by the message's values (no tags, filters or attribute lookups), so an administrator's
wording cannot reach anything but the message's own context.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from .models import EmailText

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
BODY_SUFFIX = "_body.txt"

# Values the preview shows for the placeholders the shipped e-mails use.
SAMPLE_VALUES = {
    "case_number": "LOTS 2026/12",
    "case_title": "Uteservering vid torget",
    "case_url": "https://lots.example.se/arenden/12/",
    "company_name": "Torgkaféet AB",
    "contact_name": "Kim Företagare",
    "official_name": "Anna Andersson",
    "department": "Miljö och hälsa",
    "due_date": "2026-06-15",
    "status": "decided",
    "to_business": "Er registrering är klar.",
    "tracking_link_url": "https://lots.example.se/foretag/arende/exempel/",
    "message_link_url": "https://lots.example.se/foretag/lank/",
    "resend_link_url": "https://lots.example.se/foretag/lank/",
    "body": "Vi behöver en skiss över uteserveringen.",
}


@cache
def shipped_emails() -> tuple[str, ...]:
    """Every e-mail template the portal ships (``<app>/email/<name>``), from the template dirs."""
    found: set[str] = set()
    for engine in engines.all():
        for directory in getattr(engine, "template_dirs", ()):
            for path in Path(directory).glob(f"*/email/*{BODY_SUFFIX}"):
                relative = path.relative_to(directory).as_posix()
                found.add(relative.removesuffix(BODY_SUFFIX))
    return tuple(sorted(found))


def shipped_placeholders(template: str) -> list[str]:
    """The names the shipped subject and body use: what an edited text may use too."""
    names: dict[str, None] = {}
    for suffix in ("_subject.txt", BODY_SUFFIX):
        for engine in engines.all():
            for directory in getattr(engine, "template_dirs", ()):
                path = Path(directory) / f"{template}{suffix}"
                if path.is_file():
                    for match in PLACEHOLDER.finditer(path.read_text(encoding="utf-8")):
                        names.setdefault(match.group(1), None)
    names.setdefault("MUNICIPALITY_NAME", None)
    return list(names)


def fill(text: str, context: dict) -> str:
    """Replace each ``{{ name }}`` by the context's value; unknown names are left as written."""

    def value(match: re.Match) -> str:
        name = match.group(1)
        return str(context[name]) if name in context else match.group(0)

    return PLACEHOLDER.sub(value, text)


def render(template: str, language: str, context: dict) -> tuple[str, str]:
    """Subject (one line) and body: the edited text for ``language`` if one is in use, else the
    shipped template rendered in that language."""
    context = {**context, "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME}
    edited = EmailText.objects.filter(template=template, language=language, is_active=True).first()
    if edited is not None:
        subject, body = fill(edited.subject, context), fill(edited.body, context)
    else:
        with translation.override(language):
            subject = render_to_string(f"{template}_subject.txt", context)
            body = render_to_string(f"{template}{BODY_SUFFIX}", context)
    return " ".join(subject.split()), body


def sample_context(template: str) -> dict[str, str]:
    return {name: SAMPLE_VALUES.get(name, f"[{name}]") for name in shipped_placeholders(template)}
