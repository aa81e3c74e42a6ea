"""Integrations: who calls the API (tokens with scopes) and who is told of changes (webhooks)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ_CASES = "cases:read", _("Read cases")
    WRITE_CASES = "cases:write", _("Write cases")
    READ_TRAINING = "training:read", _("Read training results")


class Integration(models.Model):
    """A system of the municipality (a diarium, an HR system) that uses the API.

    It acts as its ``service_user``: a named user with departments and roles, so the portal's
    permission functions decide what it may see and do, confidential cases included.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The person answering for the integration."),
    )
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acts as"),
        on_delete=models.PROTECT,
        related_name="integration",
        help_text=_("The service user whose departments and roles the integration has."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("integration")
        verbose_name_plural = _("integrations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApiToken(models.Model):
    """A bearer token of an integration. Only its SHA-256 is kept; it is shown once."""

    integration = models.ForeignKey(
        Integration, verbose_name=_("integration"), on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    digest = models.CharField(_("SHA-256"), max_length=64, unique=True)
    # Lists of strings (JSON, not ArrayField: the newcomer's `make run` is on SQLite).
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.integration} {self.prefix}…"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class WebhookSubscription(models.Model):
    """Where an integration wants to be told of events on cases, and which kinds."""

    integration = models.ForeignKey(
        Integration,
        verbose_name=_("integration"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(
        _("secret"),
        max_length=100,
        help_text=_("Shared with the receiver, which checks the signature with it (whsec_…)."),
    )
    event_kinds = models.JSONField(_("event kinds"), default=list)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["integration__name", "url"]

    def __str__(self) -> str:
        return f"{self.integration}: {self.url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    GAVE_UP = "gave_up", _("Given up")


class WebhookDeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending and due, or claimed by a sender whose lease has expired."""
        now = now or timezone.now()
        return self.filter(
            models.Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            | models.Q(status=DeliveryStatus.SENDING, lease_until__lt=now)
        )


class WebhookDelivery(models.Model):
    """One CloudEvent for one subscription: the webhook outbox (same pattern as e-mail).

    Written in the transaction of the change; ``event_id`` is the CloudEvent's ``id`` and the
    ``webhook-id`` header of every try, so a receiver drops duplicates.
    """

    subscription = models.ForeignKey(
        WebhookSubscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=60)
    body = models.JSONField(_("CloudEvent"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    last_status_code = models.PositiveSmallIntegerField(
        _("last HTTP status"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    requeued_at = models.DateTimeField(_("sent again at"), null=True, blank=True)
    requeued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent again by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="api_delivery_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.subscription.url} ({self.get_status_display()})"
