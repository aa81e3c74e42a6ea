"""Every change to incoming mail: a mail received, a held mail put on a case or discarded.

``receive_mail`` is what both receivers (the SMTP/LMTP listener and the IMAP poller) call
with the bytes they got. A business's answer becomes a message on its case through the very
path of the tracking page (``public.services.replies.reply_from_business``: the message,
the files under the same rules, a waiting case open again, the notice to whoever handles
it). Nothing is attached to a case by guess: without a valid reply token, from an address
that is not the case's contact, to a closed case, or with a refused file, the mail is held
for an official, who puts it on a case or discards it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.errors import AttachmentRejected, CaseError, NotPermitted
from cases.models import Case
from cases.permissions import can_view_case
from cases.services.attachments import validate_upload
from cases.workflow import FINISHED_CASE_STATUSES
from notifications.services import record_bounce
from public.services.attachments import MAX_FILES
from public.services.replies import reply_from_business

from . import permissions
from .errors import MailinError, NotHeld
from .models import HoldReason, InboundMail, InboundStatus
from .parsing import ParsedMail, parse_mail
from .tokens import case_id_from_token, token_in


def receive_mail(
    *, raw: bytes, source: str, envelope_recipients: Sequence[str] = ()
) -> InboundMail:
    """File one incoming mail; a second delivery of the same mail returns the first's row."""
    parsed = parse_mail(raw, envelope_recipients=tuple(envelope_recipients))
    existing = InboundMail.objects.filter(fingerprint=parsed.fingerprint).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _file(parsed, raw=raw, source=source)
    except IntegrityError:
        # The same mail delivered twice at once: the other delivery filed it.
        existing = InboundMail.objects.filter(fingerprint=parsed.fingerprint).first()
        if existing is None:
            raise
        return existing


def _file(parsed: ParsedMail, *, raw: bytes, source: str) -> InboundMail:
    mail = InboundMail(
        source=source,
        fingerprint=parsed.fingerprint,
        message_id_header=parsed.message_id,
        sender=parsed.sender[:254],
        sender_name=parsed.sender_name[:200],
        subject=parsed.subject,
        file_names=[file.name[:200] for file in parsed.files],
    )
    if len(raw) > settings.MAILIN_MAX_BYTES:
        return _hold(mail, HoldReason.TOO_LARGE, raw=b"")
    if parsed.is_bounce:
        return _bounce(mail, parsed)
    if parsed.is_auto_reply:
        mail.status = InboundStatus.DROPPED
        mail.save()
        return mail
    mail.body = parsed.text
    case, reason = _case_of(parsed, mail)
    if case is None or reason:
        return _hold(mail, reason, raw=raw)
    if refusal := _refused_files(parsed):
        mail.detail = refusal[:500]
        return _hold(mail, HoldReason.FILE_REFUSED, raw=raw)
    try:
        with transaction.atomic():
            message = reply_from_business(case=case, body=parsed.text, files=_uploads(parsed))
    except CaseError as error:  # the case closed meanwhile, or no text
        mail.detail = str(error.message)[:500] if hasattr(error, "message") else ""
        closed = case.status in FINISHED_CASE_STATUSES
        return _hold(mail, HoldReason.CASE_CLOSED if closed else HoldReason.EMPTY, raw=raw)
    mail.status = InboundStatus.DELIVERED
    mail.message = message
    mail.body = ""  # the message on the case holds it
    mail.save()
    return mail


def _case_of(parsed: ParsedMail, mail: InboundMail) -> tuple[Case | None, str]:
    """The case the reply address names, and why the mail must wait ("" when it need not)."""
    tokens = [token for address in parsed.recipients if (token := token_in(address))]
    if not tokens:
        return None, HoldReason.NO_TOKEN
    mail.recipient = next(a for a in parsed.recipients if token_in(a))[:254]
    case_id = case_id_from_token(tokens[0])
    if case_id is None:
        return None, HoldReason.BAD_TOKEN
    case = Case.objects.select_related("contact").filter(pk=case_id).first()
    if case is None:
        return None, HoldReason.UNKNOWN_CASE
    mail.case = case
    if parsed.sender not in known_senders(case):
        return case, HoldReason.UNKNOWN_SENDER
    if case.status in FINISHED_CASE_STATUSES:
        return case, HoldReason.CASE_CLOSED
    if not parsed.text.strip():
        return case, HoldReason.EMPTY
    return case, ""


def known_senders(case: Case) -> set[str]:
    """The addresses the business gave for this case: its contact person's, and the one on
    the public form."""
    found = {case.contact.email} if case.contact and case.contact.email else set()
    intake = getattr(case, "intake_details", None)
    if intake is not None and intake.contact_email_given:
        found.add(intake.contact_email_given)
    return {address.strip().lower() for address in found}


def _refused_files(parsed: ParsedMail) -> str:
    if len(parsed.files) > MAX_FILES:
        return f"{len(parsed.files)} files; at most {MAX_FILES}"
    for upload in _uploads(parsed):
        try:
            validate_upload(upload)
        except AttachmentRejected as error:
            return f"{upload.name}: {error.message}"
    return ""


def _uploads(parsed: ParsedMail) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(file.name, file.content) for file in parsed.files]


def _hold(mail: InboundMail, reason: str, *, raw: bytes) -> InboundMail:
    mail.status = InboundStatus.HELD
    mail.reason = reason
    mail.raw = raw
    mail.save()
    return mail


def _bounce(mail: InboundMail, parsed: ParsedMail) -> InboundMail:
    found = [
        record_bounce(message_id_header=message_id, reason=parsed.bounce_reason)
        for message_id in parsed.bounced_message_ids
    ]
    mail.status = InboundStatus.BOUNCE
    mail.detail = (parsed.bounce_reason or "")[:500]
    if outbox := next((message for message in found if message is not None), None):
        mail.recipient = outbox.recipient[:254]
        if outbox.related_type and outbox.related_type.model_class() is Case:
            mail.case_id = outbox.related_id
    mail.save()
    return mail


@transaction.atomic
def release_held_mail(*, mail: InboundMail, case: Case, by) -> InboundMail:
    """An official puts a held mail on a case: it becomes the business's message there."""
    mail = InboundMail.objects.select_for_update().get(pk=mail.pk)
    if not permissions.can_handle_held_mail(by) or not can_view_case(by, case):
        raise NotPermitted()
    if mail.status != InboundStatus.HELD:
        raise NotHeld()
    parsed = parse_mail(bytes(mail.raw))
    if refusal := _refused_files(parsed):
        raise MailinError(refusal)
    body = parsed.text or mail.subject
    message = reply_from_business(case=case, body=body, files=_uploads(parsed))
    return _handled(mail, by=by, status=InboundStatus.RELEASED, case=case, message=message)


@transaction.atomic
def discard_held_mail(*, mail: InboundMail, by) -> InboundMail:
    """An official throws a held mail away: its text and bytes are deleted, the row stays."""
    mail = InboundMail.objects.select_for_update().get(pk=mail.pk)
    if not permissions.can_handle_held_mail(by):
        raise NotPermitted()
    if mail.status != InboundStatus.HELD:
        raise NotHeld()
    mail.body = ""
    return _handled(mail, by=by, status=InboundStatus.DISCARDED)


def _handled(mail: InboundMail, *, by, status: str, case=None, message=None) -> InboundMail:
    mail.status = status
    mail.raw = b""
    mail.handled_by = by
    mail.handled_at = timezone.now()
    if case is not None:
        mail.case = case
        mail.message = message
        mail.body = ""
    mail.save()
    return mail


@transaction.atomic
def erase_case_mail(*, case: Case, text: str) -> dict[str, int]:
    """The retention rule's eraser: incoming mail about an anonymised case loses its text."""
    count = InboundMail.objects.filter(case=case).update(
        sender=text[:254], sender_name="", body="", raw=b"", subject="", file_names=[]
    )
    return {"inbound_mail": count}
