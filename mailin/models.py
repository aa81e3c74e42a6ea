"""Mail that came in: each delivery once, what became of it, and what waits for an official."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    SMTP = "smtp", _("SMTP/LMTP listener")
    IMAP = "imap", _("IMAP mailbox")
    COMMAND = "command", _("Command line")


class InboundStatus(models.TextChoices):
    DELIVERED = "delivered", _("On the case")
    HELD = "held", _("Held for an official")
    DROPPED = "dropped", _("Dropped: an automatic reply")
    BOUNCE = "bounce", _("Bounce of a mail we sent")
    RELEASED = "released", _("Put on a case by an official")
    DISCARDED = "discarded", _("Discarded by an official")


class HoldReason(models.TextChoices):
    NONE = "", _("—")
    NO_TOKEN = "no_token", _("Not sent to a case's reply address")
    BAD_TOKEN = "bad_token", _("The reply address is not one the portal made")
    UNKNOWN_CASE = "unknown_case", _("The case of the reply address no longer exists")
    UNKNOWN_SENDER = "unknown_sender", _("The sender is not the case's contact person")
    CASE_CLOSED = "case_closed", _("The case is decided or closed")
    FILE_REFUSED = "file_refused", _("An attached file is not accepted")
    EMPTY = "empty", _("The mail has no text")
    TOO_LARGE = "too_large", _("The mail is too large")


class InboundMailQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status=InboundStatus.HELD)


class InboundMail(models.Model):
    """One incoming mail (its ``fingerprint`` is unique: a second delivery changes nothing).

    Only a held mail keeps its raw bytes (an official may still put it on a case); a mail that
    became a message, a bounce or a dropped auto-reply keeps just what explains it.
    """

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True)
    message_id_header = models.CharField(_("Message-ID"), max_length=255, blank=True)
    sender = models.CharField(_("from"), max_length=254, blank=True)
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    recipient = models.CharField(_("to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"), blank=True)
    file_names = models.JSONField(_("files"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=InboundStatus.choices)
    reason = models.CharField(
        _("why held"), max_length=20, choices=HoldReason.choices, blank=True, default=""
    )
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_mail",
    )
    message = models.ForeignKey(
        "cases.Message",
        verbose_name=_("message on the case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    raw = models.BinaryField(_("the mail as received"), blank=True, default=b"")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    objects = InboundMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("incoming mail")
        verbose_name_plural = _("incoming mail")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "-received_at"], name="mailin_status_idx")]

    def __str__(self) -> str:
        return f"{self.sender or '?'}: {self.subject or '—'}"
