"""Standard texts on the case page: which are offered, and their placeholders filled.

A text is offered for its case type and status (blank: all), for messages, decisions or both.
Placeholders are plain names in braces (``{case_number}``); only the names below are filled,
anything else is left as written (no attribute access, no format specs: ``str.format`` is not
used on an administrator's text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Case, StandardText, TextUse
from .workflow import FINISHED_CASE_STATUSES

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
PLACEHOLDERS = {
    "case_number": _("the case number"),
    "title": _("the case's title"),
    "company": _("the company's name"),
    "coordinator": _("the coordinator's name"),
    "department": _("the lead department"),
    "due_date": _("the due date"),
    "contact": _("the contact person's name"),
}
LANGUAGES = ("sv", "en")


def placeholder_values(case: Case) -> dict[str, str]:
    """From the case as the page loaded it (no queries of its own)."""
    return {
        "case_number": case.number,
        "title": case.title,
        "company": case.company.name,
        "coordinator": case.coordinator.full_name if case.coordinator else "",
        "department": case.lead_department.name,
        "due_date": case.due_date.isoformat(),
        "contact": case.contact.name if case.contact else "",
    }


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


@dataclass(frozen=True)
class OfferedText:
    pk: int
    title: str
    use: str
    bodies: dict[str, str]  # language -> filled text


def offered_texts(case: Case) -> list[OfferedText]:
    """The active texts for the case's type (one query), filled for it in both languages.

    Messages take the texts of the case's current status; decisions those of a finished
    status (the one the case is moved to); blank status: any."""
    rows = StandardText.objects.filter(is_active=True).filter(
        Q(case_type=None) | Q(case_type_id=case.case_type_id)
    )
    values = placeholder_values(case)
    offered = []
    for row in rows:
        uses = [TextUse.MESSAGE, TextUse.DECISION] if row.use == TextUse.BOTH else [row.use]
        for use in uses:
            if row.status and use == TextUse.MESSAGE and row.status != case.status:
                continue
            if row.status and use == TextUse.DECISION and row.status not in FINISHED_CASE_STATUSES:
                continue
            bodies = {
                "sv": fill(row.body_sv, values),
                "en": fill(row.body_en or row.body_sv, values),
            }
            offered.append(OfferedText(pk=row.pk, title=row.title, use=use, bodies=bodies))
    return offered


def for_use(texts: list[OfferedText], use: str) -> list[OfferedText]:
    return [text for text in texts if text.use == use]


def chosen_text(texts: list[OfferedText], *, pk: str, use: str, language: str) -> str | None:
    """The filled text the user chose (None for a text not offered here)."""
    for text in for_use(texts, use):
        if str(text.pk) == pk:
            return text.bodies.get(language if language in LANGUAGES else "sv")
    return None
