"""Editing a case after it was opened: its title, type, lead department, priority,
confidentiality and company, each change on the timeline (old -> new)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Department

from .. import events, permissions
from ..errors import CaseError, NotPermitted
from ..models import Case, CaseType, Company
from ..workdays import add_working_days
from ..workflow import ACTIVE_CASE_STATUSES
from .cases import lock_case
from .events import record
from .registration import due_date_for, refresh_search_vector

EDITABLE_FIELDS = (
    "title",
    "case_type",
    "lead_department",
    "priority",
    "confidential",
    "company",
)


@dataclass(frozen=True)
class CaseChanges:
    """What the edit form asks for; a field left as the case has it is not a change."""

    title: str
    case_type: CaseType
    lead_department: Department
    priority: str
    confidential: bool
    company: Company


def _shown(case: Case, name: str) -> str:
    """The value as the timeline keeps it: in the portal's language (as configuration history
    does), whatever the editor's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _shown_now(case, name)


def _shown_now(case: Case, name: str) -> str:
    value = getattr(case, name)
    if name == "priority":
        return str(case.get_priority_display())
    if name == "confidential":
        return str(_("Yes") if value else _("No"))
    if name == "company":
        return f"{value.name} ({value.org_number})"
    return str(value)


def _redo_deadline(case: Case) -> None:
    """The new type's deadline from the day the case was opened, plus the days it waited."""
    opened = timezone.localdate(case.created_at)
    case.due_date = add_working_days(due_date_for(case.case_type, opened), case.paused_working_days)


@transaction.atomic
def edit_case(*, case: Case, by, changes: CaseChanges) -> Case:
    """Apply ``changes``; one ``case_edited`` event lists each changed field old -> new.

    A new type recomputes the deadline (of an active case). Who sees a confidential case
    follows its lead department and confidentiality at once (``permissions.visible_cases``
    reads them); the one place a case's participation changes by an edit is here.
    """
    case = lock_case(case)
    if not permissions.can_edit_case(by, case):
        raise NotPermitted()
    title = changes.title.strip()
    if not title:
        raise CaseError(_("The case needs a title."))
    wanted = {**changes.__dict__, "title": title}
    changed: list[tuple[str, str, str]] = []
    for name in EDITABLE_FIELDS:
        if getattr(case, name) == wanted[name]:
            continue
        old = _shown(case, name)
        setattr(case, name, wanted[name])
        changed.append((name, old, _shown(case, name)))
    if not changed:
        raise CaseError(_("Nothing was changed."))
    contact = case.contact
    if contact is not None and contact.company_id != case.company_id:
        # A contact person belongs to a company: another company's case has none until named.
        with translation.override(settings.LANGUAGE_CODE):
            changed.append(("contact", contact.name, ""))
        case.contact = None
    names = [name for name, _old, _new in changed]
    if "case_type" in names and case.status in ACTIVE_CASE_STATUSES:
        before = case.due_date
        _redo_deadline(case)
        if case.due_date != before:
            changed.append(("due_date", before.isoformat(), case.due_date.isoformat()))
    case.save()
    refresh_search_vector(case)
    record(events.case_edited(case=case, changes=changed, actor=by))
    return case
