"""Writing to the outbox and sending from it. Every e-mail of the portal goes through here."""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboxMessage, OutboxStatus

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
) -> OutboxMessage | None:
    """Write an e-mail to the outbox and send it once the surrounding transaction commits.

    ``context`` must be JSON-serialisable: the message is rendered when it is sent, in
    ``language``. With ``dedupe_key`` a second message with the same key is not written and
    ``None`` is returned (reminders that must go out once).
    """
    fields = {
        "recipient": to,
        "template": template,
        "context": context or {},
        "language": language,
        "not_before": not_before or timezone.now(),
        "dedupe_key": dedupe_key,
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
        transaction.on_commit(lambda: enqueue_send(message.pk))
    return message


def enqueue_send(message_id: int) -> None:
    """Hand the message to Celery; if the broker is down the periodic sweep sends it later."""
    from .tasks import send_outbox_message

    try:
        send_outbox_message.apply_async((message_id,), retry=False)
    except Exception:  # noqa: BLE001 - a down broker must never fail the user's request
        logger.warning("Broker unavailable; outbox message %s waits for the sweep", message_id)


def render_message(message: OutboxMessage) -> tuple[str, str]:
    with translation.override(message.language):
        context = {**message.context, "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME}
        subject = render_to_string(f"{message.template}_subject.txt", context)
        body = render_to_string(f"{message.template}_body.txt", context)
    return " ".join(subject.split()), body


def send_message(*, message_id: int) -> str | None:
    """Send one pending message. Safe to run twice: a sent message is not sent again.

    Raises the transport's error after recording it, so that the calling task can retry.
    Returns the message's status after the try, or None when there was nothing to send.
    """
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=OutboxStatus.PENDING)
            .first()
        )
        if message is None:
            return None
        subject, body = render_message(message)
        message.attempts += 1
        message.subject = subject[:255]
        raise_after: Exception | None = None
        try:
            EmailMessage(
                subject=subject,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.recipient],
            ).send()
        except Exception as exc:  # noqa: BLE001 - any transport failure is recorded
            message.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
            if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
            message.save(update_fields=["attempts", "last_error", "status", "subject"])
            raise_after = exc
        else:
            message.status = OutboxStatus.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
            message.save(update_fields=["attempts", "last_error", "status", "subject", "sent_at"])
    if raise_after is not None:
        raise raise_after
    return message.status


def send_pending(*, limit: int = 200) -> int:
    """Send what is due and still pending (the periodic sweep). Returns how many were sent."""
    sent = 0
    ids = list(
        OutboxMessage.objects.due().order_by("created_at").values_list("pk", flat=True)[:limit]
    )
    for message_id in ids:
        try:
            if send_message(message_id=message_id) == OutboxStatus.SENT:
                sent += 1
        except Exception:  # noqa: BLE001 - recorded on the row; the next sweep tries again
            logger.warning("Outbox message %s failed; recorded for retry", message_id)
    return sent
