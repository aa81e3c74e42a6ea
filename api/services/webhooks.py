"""Webhooks: the outbox of CloudEvents for the subscriptions, signed the Standard Webhooks way.

The same pattern as the e-mail outbox (``notifications.services``; the shape both share is
``notifications/services/delivery.py``): a delivery row is
written in the transaction of the change (``queue_deliveries_for`` is the event listener that
``cases.services.events.record`` calls), handed to Celery on commit, claimed in one short
transaction with a lease, sent outside any transaction, and its result recorded in a second
one: retried with exponential backoff, given up ``WEBHOOK_GIVE_UP_HOURS`` after it was due.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import permissions as case_permissions
from cases.events import personal_payload_keys
from cases.models import CaseEvent
from lotsportal.tasking import enqueue_now
from notifications.services import delivery as outbox

from ..errors import ApiError
from ..models import ApiToken, DeliveryStatus, Scope, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

EVENT_TYPE_PREFIX = "se.lotsportalen.case."
SECRET_PREFIX = "whsec_"  # noqa: S105 - the prefix of every secret, no secret


# --- Subscriptions --------------------------------------------------------------------------
def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


@transaction.atomic
def create_subscription(
    *, integration, url: str, event_kinds: Iterable[str], by, secret: str = ""
) -> WebhookSubscription:
    kinds = sorted(set(event_kinds))
    if not kinds:
        raise ApiError(_("Choose at least one kind of event."))
    return WebhookSubscription.objects.create(
        integration=integration, url=url, event_kinds=kinds, secret=secret or new_secret()
    )


@transaction.atomic
def update_subscription(
    *, subscription: WebhookSubscription, url: str, event_kinds: Iterable[str], is_active: bool, by
) -> WebhookSubscription:
    subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
    subscription.url = url
    subscription.event_kinds = sorted(set(event_kinds))
    subscription.is_active = is_active
    subscription.save(update_fields=["url", "event_kinds", "is_active"])
    return subscription


# --- The CloudEvent -------------------------------------------------------------------------
def cloud_event(*, event: CaseEvent, event_id: str) -> dict[str, Any]:
    """The CloudEvents 1.0 JSON of a timeline event, without personal data.

    The case is named by id, number and status only; the event's payload loses the keys that
    its kind's definition marks as personal (the same keys the retention rule blanks), and the
    actor is told only as whether it was this or another integration's service user.
    """
    case = event.case
    hidden = personal_payload_keys().get(event.kind, frozenset())
    payload = {key: value for key, value in event.payload.items() if key not in hidden}
    return {
        "specversion": "1.0",
        "id": event_id,
        "source": f"{settings.SITE_URL}/api/v1",
        "type": EVENT_TYPE_PREFIX + event.kind,
        "subject": case.number,
        "time": event.created_at.isoformat(),
        "datacontenttype": "application/json",
        "data": {
            "case": {"id": case.pk, "number": case.number, "status": case.status},
            "event": {"id": event.pk, "kind": event.kind, "payload": payload},
        },
    }


def queue_deliveries_for(event: CaseEvent) -> list[WebhookDelivery]:
    """The event listener: one delivery per active subscription that wants this kind and whose
    integration may read the case (scope ``cases:read`` and the portal's ``can_view_case``)."""
    subscriptions = [
        subscription
        for subscription in WebhookSubscription.objects.filter(is_active=True).select_related(
            "integration__service_user"
        )
        if event.kind in subscription.event_kinds
    ]
    if not subscriptions:
        return []
    readers = {
        token.integration_id
        for token in ApiToken.objects.filter(
            integration__in={s.integration_id for s in subscriptions}, revoked_at__isnull=True
        )
        if Scope.READ_CASES in token.scopes
    }
    subscriptions = [s for s in subscriptions if s.integration_id in readers]
    deliveries = []
    for subscription in subscriptions:
        if not case_permissions.can_view_case(subscription.integration.service_user, event.case):
            continue
        delivery = WebhookDelivery(subscription=subscription, kind=event.kind)
        delivery.body = cloud_event(event=event, event_id=str(delivery.event_id))
        delivery.save()
        transaction.on_commit(partial(enqueue_send, delivery.pk))
        deliveries.append(delivery)
    return deliveries


def enqueue_send(delivery_id: int) -> None:
    from ..tasks import send_webhook_delivery

    enqueue_now(send_webhook_delivery, delivery_id)


# --- Signing (Standard Webhooks) ------------------------------------------------------------
def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def sign(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256 of "id.timestamp.body">``, the ``webhook-signature`` value."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers_for(*, delivery: WebhookDelivery, body: bytes, now: datetime) -> dict[str, str]:
    timestamp = int(now.timestamp())
    msg_id = str(delivery.event_id)
    return {
        "Content-Type": "application/cloudevents+json",
        "User-Agent": "Lotsportalen-Webhooks/1",
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(
            secret=delivery.subscription.secret, msg_id=msg_id, timestamp=timestamp, body=body
        ),
    }


# --- Sending --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Claim:
    delivery_id: int
    attempt: int


def claim_delivery(*, delivery_id: int, now: datetime | None = None) -> Claim | None:
    delivery = outbox.claim_due(
        WebhookDelivery,
        pk=delivery_id,
        now=now or timezone.now(),
        lease_seconds=settings.WEBHOOK_LEASE_SECONDS,
    )
    if delivery is None:
        return None
    return Claim(delivery_id=delivery.pk, attempt=delivery.attempts)


class DeliveryFailed(Exception):
    def __init__(self, message: str, status_code: int | None = None):
        super().__init__(message)
        self.status_code = status_code


def post(*, url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST the body; the HTTP status of a 2xx answer, else ``DeliveryFailed``."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as answer:  # noqa: S310
            return answer.status
    except urllib.error.HTTPError as exc:
        raise DeliveryFailed(f"HTTP {exc.code}", status_code=exc.code) from None
    except (OSError, ValueError) as exc:
        raise DeliveryFailed(f"{exc.__class__.__name__}: {exc}") from None


def send_delivery(*, delivery_id: int, now: datetime | None = None) -> str | None:
    """Claim, send outside any transaction, record. Safe to run twice."""
    claim = claim_delivery(delivery_id=delivery_id, now=now)
    if claim is None:
        return None
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=claim.delivery_id)
    body = json.dumps(delivery.body, separators=(",", ":"), ensure_ascii=False).encode()
    try:
        code = post(
            url=delivery.subscription.url,
            body=body,
            headers=headers_for(delivery=delivery, body=body, now=now or timezone.now()),
        )
    except DeliveryFailed as exc:
        return record_failure(claim=claim, error=str(exc), status_code=exc.status_code, now=now)
    return record_sent(claim=claim, status_code=code)


def record_sent(*, claim: Claim, status_code: int) -> str:
    outbox.record_sent(WebhookDelivery, pk=claim.delivery_id, last_status_code=status_code)
    return DeliveryStatus.SENT


def record_failure(
    *, claim: Claim, error: str, status_code: int | None, now: datetime | None = None
) -> str | None:
    now = now or timezone.now()
    with transaction.atomic():
        delivery = outbox.claimed_row(WebhookDelivery, pk=claim.delivery_id, attempt=claim.attempt)
        if delivery is None:  # another sender took over after our lease expired
            return None
        delivery.last_error = error[:2000]
        delivery.last_status_code = status_code
        delivery.lease_until = None
        if now >= give_up_at(delivery):
            delivery.status = DeliveryStatus.GAVE_UP
            logger.error("Webhook delivery %s given up after %s tries", delivery.pk, claim.attempt)
        else:
            delivery.status = DeliveryStatus.PENDING
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
            logger.warning(
                "Webhook delivery %s failed (try %s): %s", delivery.pk, claim.attempt, error
            )
        delivery.save(
            update_fields=[
                "status",
                "last_error",
                "last_status_code",
                "lease_until",
                "next_attempt_at",
            ]
        )
    return delivery.status


def retry_delay(attempts: int) -> timedelta:
    return outbox.backoff(
        attempts, base=settings.WEBHOOK_RETRY_BASE_SECONDS, cap=settings.WEBHOOK_RETRY_MAX_SECONDS
    )


def give_up_at(delivery: WebhookDelivery) -> datetime:
    start = max(delivery.created_at, delivery.requeued_at or delivery.created_at)
    return start + timedelta(hours=settings.WEBHOOK_GIVE_UP_HOURS)


def send_pending(*, limit: int = 200, now: datetime | None = None) -> int:
    """The sweep (beat): every delivery that is due, and every expired claim."""
    ids = outbox.due_ids(WebhookDelivery, now=now or timezone.now(), limit=limit)
    return sum(send_delivery(delivery_id=pk, now=now) == DeliveryStatus.SENT for pk in ids)


def resend_deliveries(*, delivery_ids: Iterable[int], by) -> int:
    """The operator's "send again": given-up and pending deliveries are due now (same id)."""
    with transaction.atomic():
        deliveries = list(
            WebhookDelivery.objects.select_for_update()
            .filter(pk__in=list(delivery_ids))
            .filter(status__in=(DeliveryStatus.GAVE_UP, DeliveryStatus.PENDING))
        )
        outbox.make_due_now(
            deliveries, by=by, requeued=(DeliveryStatus.GAVE_UP,), enqueue=enqueue_send
        )
    return len(deliveries)
