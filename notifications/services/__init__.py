"""Writing to the outbox and sending from it. Every e-mail of the portal goes through here."""

from __future__ import annotations

import logging
import re
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from lotsportal.tasking import enqueue_now

from .. import email_texts
from ..models import RESENDABLE, OutboxMessage, OutboxStatus
from . import delivery

logger = logging.getLogger(__name__)


def queue_email(
    *,
    to: str,
    template: str,
    context: dict | None = None,
    language: str = "sv",
    related=None,
    not_before: datetime | None = None,
    dedupe_key: str | None = None,
    reply_to: str = "",
) -> OutboxMessage | None:
    """Write an e-mail to the outbox and send it once the surrounding transaction commits.

    ``context`` must be JSON-serialisable: the message is rendered when it is sent, in
    ``language``. With ``dedupe_key`` a second message with the same key is not written and
    ``None`` is returned (reminders that must go out once). ``reply_to``: the address the
    recipient's answer goes to (a case's signed reply address, read back by ``mailin``).
    """
    due = not_before or timezone.now()
    fields = {
        "recipient": to,
        "template": template,
        "context": context or {},
        "language": language,
        "not_before": due,
        "next_attempt_at": due,
        "dedupe_key": dedupe_key,
        "reply_to": reply_to,
    }
    if related is not None:
        fields["related_type"] = ContentType.objects.get_for_model(related)
        fields["related_id"] = related.pk
    if dedupe_key is not None:
        try:
            with transaction.atomic():
                message = OutboxMessage.objects.create(**fields)
        except IntegrityError:
            return None
    else:
        message = OutboxMessage.objects.create(**fields)
    if message.not_before <= timezone.now():
        transaction.on_commit(partial(enqueue_send, message.pk))
    return message


def enqueue_send(message_id: int) -> None:
    """Hand the message to Celery now; if the broker is down the periodic sweep sends it."""
    from ..tasks import send_outbox_message

    enqueue_now(send_outbox_message, message_id)


def render_message(message: OutboxMessage) -> tuple[str, str]:
    """At send time, in the recipient's language: the administrator's wording of the e-mail if
    there is one (``EmailText``), else the shipped template."""
    return email_texts.render(message.template, message.language, message.context)


@dataclass(frozen=True)
class Claim:
    """What a sender holds while it sends: the row's id and the attempt it counted."""

    message_id: int
    attempt: int


def claim_message(*, message_id: int, now: datetime | None = None) -> Claim | None:
    """Claim a due message for one try, in one short transaction. None: nothing to send.

    The row becomes ``sending`` with the attempt counted and a lease; a sender killed before
    it records the result leaves the lease to expire, and the sweep tries again.
    """
    message = delivery.claim_due(
        OutboxMessage,
        pk=message_id,
        now=now or timezone.now(),
        lease_seconds=settings.OUTBOX_LEASE_SECONDS,
    )
    if message is None:
        return None
    return Claim(message_id=message.pk, attempt=message.attempts)


def build_email(message: OutboxMessage) -> EmailMessage:
    subject, body = render_message(message)
    message.subject = subject[:255]
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={"Message-ID": message.message_id_header},
        reply_to=[message.reply_to] if message.reply_to else None,
    )


def send_message(*, message_id: int, now: datetime | None = None) -> str | None:
    """Try to send one message: claim it, send outside any transaction, record the result.

    Safe to run twice: a message that is sent, refused, not due or claimed by another sender
    is left alone (None is returned). Transport failures are recorded on the row, never
    raised: a temporary one schedules the next try, a permanent one (SMTP 5xx) fails it.
    Returns the message's status after the try.
    """
    status, _error = _send_once(message_id=message_id, now=now)
    return status


def _send_once(*, message_id: int, now: datetime | None) -> tuple[str | None, Exception | None]:
    claim = claim_message(message_id=message_id, now=now)
    if claim is None:
        return None, None
    message = OutboxMessage.objects.get(pk=claim.message_id)
    try:
        email = build_email(message)
    except Exception as exc:  # noqa: BLE001 - a message that cannot be rendered never will be
        return record_failure(claim=claim, error=exc, permanent=True, now=now), exc
    try:
        email.send()
    except Exception as exc:  # noqa: BLE001 - any transport failure is recorded on the row
        status = record_failure(
            claim=claim, error=exc, permanent=is_permanent(exc), subject=message.subject, now=now
        )
        return status, exc
    return record_sent(claim=claim, subject=message.subject), None


def record_sent(*, claim: Claim, subject: str) -> str:
    """The server took the message: it is sent, whatever a later sender thinks."""
    delivery.record_sent(OutboxMessage, pk=claim.message_id, subject=subject)
    return OutboxStatus.SENT


def record_failure(
    *,
    claim: Claim,
    error: Exception,
    permanent: bool,
    subject: str = "",
    now: datetime | None = None,
) -> str | None:
    """Record a failed try: retry later with backoff, give up after the window, or fail."""
    now = now or timezone.now()
    reason = f"{error.__class__.__name__}: {error}"[:2000]
    with transaction.atomic():
        message = delivery.claimed_row(OutboxMessage, pk=claim.message_id, attempt=claim.attempt)
        if message is None:  # another sender took over after our lease expired
            return None
        message.last_error = reason
        message.lease_until = None
        message.subject = subject or message.subject
        if permanent:
            message.status = OutboxStatus.FAILED
            logger.warning("Outbox message %s refused for good: %s", message.pk, reason)
        elif now >= give_up_at(message):
            message.status = OutboxStatus.GAVE_UP
            logger.error(
                "Outbox message %s given up after %s tries: %s",
                *(message.pk, message.attempts, reason),
            )
        else:
            message.status = OutboxStatus.PENDING
            message.next_attempt_at = now + retry_delay(message.attempts)
            logger.warning(
                "Outbox message %s failed (try %s), next try at %s: %s",
                message.pk,
                message.attempts,
                message.next_attempt_at.isoformat(),
                reason,
            )
        message.save(
            update_fields=["status", "last_error", "lease_until", "next_attempt_at", "subject"]
        )
    return message.status


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: base, 2 x base, 4 x base ... capped at OUTBOX_RETRY_MAX_SECONDS."""
    return delivery.backoff(
        attempts, base=settings.OUTBOX_RETRY_BASE_SECONDS, cap=settings.OUTBOX_RETRY_MAX_SECONDS
    )


def give_up_at(message: OutboxMessage) -> datetime:
    """Temporary failures are retried this long after the message was due (or sent again)."""
    start = max(message.not_before, message.requeued_at or message.not_before)
    return start + timedelta(hours=settings.OUTBOX_GIVE_UP_HOURS)


def is_permanent(error: Exception) -> bool:
    """An SMTP 5xx reply is final; connection trouble, timeouts and 4xx are worth retrying."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return False


def is_connection_failure(error: Exception) -> bool:
    """The server could not be reached or dropped the line (refused, reset, timeout, DNS)."""
    if isinstance(error, smtplib.SMTPConnectError | smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPException):  # a reply from a server that is up
        return False
    return isinstance(error, OSError)


def send_pending(*, limit: int = 200, now: datetime | None = None) -> int:
    """Send what is due (the periodic sweep). Returns how many were sent.

    When the mail server cannot be reached the sweep stops: the rest keep their schedule
    instead of each spending a try (and a connection timeout) on a server that is down.
    """
    sent = 0
    for message_id in delivery.due_ids(OutboxMessage, now=now or timezone.now(), limit=limit):
        status, error = _send_once(message_id=message_id, now=now)
        if status == OutboxStatus.SENT:
            sent += 1
        elif error is not None and is_connection_failure(error):
            logger.warning("Mail server unreachable; the sweep stops until its next run")
            break
    return sent


def resend_messages(*, message_ids: Iterable[int], by) -> int:
    """The operator's "send again": failed and given-up messages go back to pending, due now,
    with who did it recorded; pending ones are made due now. Returns how many were queued."""
    with transaction.atomic():
        messages = list(
            OutboxMessage.objects.select_for_update()
            .filter(pk__in=list(message_ids))
            .filter(status__in=(*RESENDABLE, OutboxStatus.PENDING))
            # A message whose address was removed by the retention rule has no one to go to.
            .exclude(recipient="")
        )
        for message in messages:
            if message.status in RESENDABLE:
                logger.info(
                    "Outbox message %s (%s) sent again by %s", message.pk, message.status, by
                )
        delivery.make_due_now(messages, by=by, requeued=RESENDABLE, enqueue=enqueue_send)
    return len(messages)


# --- Bounces ------------------------------------------------------------------------------
# A message the outbox sent came back: the recipient's server refused it after taking it.
# Each row carries a stable ``Message-ID`` (``OutboxMessage.message_id_header``); a delivery
# status notification (RFC 3464) quotes it, so the bounce finds its row without guessing. The
# row becomes ``failed`` with the reason: the admin's outbox shows it, and an operator can
# correct the address and send it again.

_OUTBOX_ID = re.compile(r"<outbox-(?P<pk>\d{1,18})\.(?P<stamp>\d{20})@[^>\s]+>")


def outbox_message_for(message_id_header: str) -> OutboxMessage | None:
    """The outbox row whose ``Message-ID`` this is (the stamp must match too), or None."""
    match = _OUTBOX_ID.search(message_id_header or "")
    if match is None:
        return None
    message = OutboxMessage.objects.filter(pk=int(match["pk"])).first()
    if message is None or message.message_id_header != match.group(0):
        return None
    return message


@transaction.atomic
def record_bounce(*, message_id_header: str, reason: str) -> OutboxMessage | None:
    """Mark the sent message this bounce is about as failed; None when it names none of ours.

    Safe to run twice: a second report of the same bounce changes nothing more.
    """
    found = outbox_message_for(message_id_header)
    if found is None:
        return None
    message = OutboxMessage.objects.select_for_update().get(pk=found.pk)
    if message.status == OutboxStatus.SENT:
        message.status = OutboxStatus.FAILED
        message.last_error = f"Bounced: {reason}"[:2000]
        message.save(update_fields=["status", "last_error"])
    return message
