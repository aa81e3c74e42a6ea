"""Retention (gallring): removing the personal data of finished cases once the rule says so.

The rule is ``CaseSettings.retention_months`` (set in the admin): that many months after a case
was closed or decided, its personal data go. What the statistics and the NKI need stays: the
case row with its number, dates, status, department, case type, door, due date and paused days,
its referrals' departments, dates and statuses, its events (kind, time, official), and the
survey scores. See docs/operations.md, "Retention (gallring)".

Anonymisation is the one sanctioned edit of a case's history: the free-text and name fields of
the events' payloads are blanked in place (the events themselves stay), and one ``anonymised``
event records that it was done.
"""

from __future__ import annotations

import calendar
import logging
from datetime import date, datetime, time

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from notifications.models import UNDELIVERED, OutboxMessage, OutboxStatus

from .. import events, hooks, permissions
from ..errors import CaseError, NotPermitted
from ..identifiers import IdentifierKind
from ..models import (
    Attachment,
    Case,
    CaseEvent,
    CaseSettings,
    Company,
    IntakeAnswer,
    Message,
    Note,
    QuestionKind,
)
from ..workflow import FINISHED_CASE_STATUSES
from .cases import lock_case
from .events import record
from .registration import refresh_search_vector

logger = logging.getLogger(__name__)

# Payload keys of the timeline that carry names or free text, per event kind: declared with
# each kind in ``cases/events/``.
PERSONAL_PAYLOAD_KEYS = events.personal_payload_keys()


def _in_portal_language(text) -> str:
    """Stored texts are written in the portal's language, whoever runs the rule."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def removed_text() -> str:
    """The fixed text that replaces removed free text."""
    return _in_portal_language(_("Removed under the retention rule."))


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier; the month's last day when it is shorter (31 May → 28/29
    Feb). python-dateutil would do it, but it is not a declared dependency of the portal."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_cutoff(*, today: date | None = None) -> datetime | None:
    """Cases finished before this moment are past the rule; None when the rule is "never"."""
    months = CaseSettings.load().retention_months
    if not months:
        return None
    today = today or timezone.localdate()
    return timezone.make_aware(datetime.combine(months_before(today, months), time.min))


def cases_past_retention(*, today: date | None = None):
    """The finished, not yet anonymised cases whose retention time is over."""
    cutoff = retention_cutoff(today=today)
    if cutoff is None:
        return Case.objects.none()
    return Case.objects.past_retention(cutoff).order_by("pk")


def anonymise_expired(*, today: date | None = None) -> int:
    """Anonymise every case past the rule, each in its own transaction. Safe to run twice.

    A case that fails is logged and left for the next night; the others go on.
    """
    reason = _in_portal_language(_("The retention rule"))
    done = 0
    for pk in list(cases_past_retention(today=today).values_list("pk", flat=True)):
        try:
            done += anonymise_case(case=Case(pk=pk), reason=reason)
        except Exception:  # noqa: BLE001 - one case must not hold back the rule for the rest
            logger.exception("Retention: case %s could not be anonymised", pk)
    return done


@transaction.atomic
def anonymise_case(*, case: Case, by=None, reason: str) -> bool:
    """Remove the personal data of one finished case. False when it was already done.

    ``by`` is the administrator who asked for it (a superuser), or None for the nightly rule.
    An active case is refused: its contact person and messages are still needed.
    """
    if by is not None and not permissions.can_anonymise_cases(by):
        raise NotPermitted()
    case = lock_case(case)
    if case.anonymised_at is not None:
        return False
    if case.status not in FINISHED_CASE_STATUSES:
        raise CaseError(_("Only a closed or decided case can have its personal data removed."))
    text = removed_text()
    removed: dict[str, int | bool] = {
        "messages": Message.objects.filter(case=case).update(body=text),
        "notes": Note.objects.filter(case=case).update(body=text),
        # What the business wrote in its own words; numbers, dates and choices stay.
        "intake_answers": IntakeAnswer.objects.filter(
            case=case, kind__in=[QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT]
        ).update(value=text, value_en=""),
        "attachments": _remove_attachments(case),
        "outbox": _blank_outbox(case),
    }
    # The apps built on cases remove theirs (the public door: links, form details, survey
    # comment), in this transaction: see ``cases/hooks.py``.
    for eraser in hooks.erasers():
        removed.update(eraser(case=case, text=text))
    case.referrals.update(request_text=text)
    case.referrals.exclude(answer_text="").update(answer_text=text)
    case.referrals.exclude(decline_reason="").update(decline_reason=text)
    _scrub_timeline(case)

    contact = case.contact
    company = case.company
    if case.description:
        case.description = text
    if company.identifier_kind == IdentifierKind.PERSONNUMMER:
        # A sole trader's name is often the owner's: the case type names the matter instead.
        case.title = case.case_type.name[:200]
    case.contact = None
    case.anonymised_at = timezone.now()
    case.save(update_fields=["description", "title", "contact", "anonymised_at"])
    removed["contact"] = _remove_contact_if_unused(contact)
    refresh_search_vector(case)
    removed["company"] = _mask_sole_trader_if_unused(company)
    record(events.anonymised(case=case, reason=reason, removed=removed, actor=by))
    return True


def _remove_attachments(case: Case) -> int:
    """Delete the rows now and the files once the transaction has committed.

    A rolled-back anonymisation thus keeps its files; a file left behind by a crash between
    commit and deletion has no row and is never served.
    """
    names = list(Attachment.objects.filter(case=case).values_list("file", flat=True))
    count = Attachment.objects.filter(case=case).delete()[0]

    def delete_files() -> None:
        for name in names:
            if name:
                default_storage.delete(name)

    transaction.on_commit(delete_files)
    return count


def _blank_outbox(case: Case) -> int:
    """E-mail about the case keeps its row (status, template, dedupe key: a reminder is never
    sent twice) but loses address, subject and content. One still pending is not sent."""
    messages = OutboxMessage.objects.about(case)
    messages.filter(status__in=UNDELIVERED).update(status=OutboxStatus.FAILED)
    return messages.update(recipient="", subject="", context={}, last_error="")


def _scrub_timeline(case: Case) -> None:
    changed = []
    for event in CaseEvent.objects.filter(case=case, kind__in=list(PERSONAL_PAYLOAD_KEYS)):
        keys = sorted(key for key in PERSONAL_PAYLOAD_KEYS[event.kind] if event.payload.get(key))
        if keys:
            event.payload = {**event.payload, **dict.fromkeys(keys, "")}
            changed.append(event)
    # ``bulk_update`` writes through the queryset: ``CaseEvent.save`` refuses edits on purpose.
    CaseEvent.objects.bulk_update(changed, ["payload"])


def _remove_contact_if_unused(contact) -> bool:
    """A contact person goes with the last case that still names them (each anonymised case
    lets go of its contact, so the ones left are cases still within the rule)."""
    if contact is None or contact.cases.exists():
        return False
    contact.delete()
    return True


def _mask_sole_trader_if_unused(company: Company) -> bool:
    """A sole trader's number is the owner's personnummer, and the firm's name and address are
    the owner's too. They are masked when none of the company's cases is within the rule."""
    if company.identifier_kind != IdentifierKind.PERSONNUMMER:
        return False
    if company.cases.filter(anonymised_at=None).exists():
        return False
    Company.objects.filter(pk=company.pk).update(
        org_number=masked_number(company),
        name=_in_portal_language(_("Sole trader (personal data removed)")),
        street_address="",
        postal_code="",
    )
    # The search text of every case of the firm held its name.
    for other in Case.objects.filter(company=company).select_related("company"):
        refresh_search_vector(other)
    return True


def masked_number(company: Company) -> str:
    """Unique (the column is) and clearly not a number anyone has."""
    return f"ANON-{company.pk}"
