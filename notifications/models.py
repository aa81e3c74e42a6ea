from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    GAVE_UP = "gave_up", _("Given up")


#: Messages an operator may send again (admin action "send again").
RESENDABLE = (OutboxStatus.FAILED, OutboxStatus.GAVE_UP)
#: Messages not yet delivered nor finally refused: the outbox still owes them.
UNDELIVERED = (OutboxStatus.PENDING, OutboxStatus.SENDING)


class OutboxMessageQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=OutboxStatus.PENDING)

    def undelivered(self):
        return self.filter(status__in=UNDELIVERED)

    def due(self, now=None):
        """Pending and due by its schedule, or claimed by a sender whose lease has expired."""
        now = now or timezone.now()
        return self.filter(
            models.Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
            | models.Q(status=OutboxStatus.SENDING, lease_until__lt=now)
        )

    def about(self, obj):
        return self.filter(related_type=ContentType.objects.get_for_model(obj), related_id=obj.pk)


class OutboxMessage(models.Model):
    """One e-mail, written in the same transaction as the change it tells about.

    A task sends it once the change commits; a temporary failure schedules the next try on
    the row (``next_attempt_at``, exponential backoff) and the periodic sweep sends whatever is
    due, for ``OUTBOX_GIVE_UP_HOURS`` before giving up. A sender claims the row (``sending``,
    ``lease_until``) in a short transaction and sends outside it; a lease that expires (a
    worker killed mid-send) makes the message due again.
    """

    recipient = models.EmailField(_("recipient"))
    template = models.CharField(
        _("template"),
        max_length=120,
        help_text=_("Template base name; '<name>_subject.txt' and '<name>_body.txt' are used."),
    )
    context = models.JSONField(_("context"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, default="sv")
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    reply_to = models.CharField(
        _("reply to"),
        max_length=254,
        blank=True,
        help_text=_("Where the recipient's answer goes (a case's own reply address)."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    not_before = models.DateTimeField(
        _("send from"), default=timezone.now, help_text=_("Not sent before this time.")
    )
    next_attempt_at = models.DateTimeField(
        _("next attempt"), default=timezone.now, help_text=_("The sweep sends it from this time.")
    )
    lease_until = models.DateTimeField(
        _("claimed until"),
        null=True,
        blank=True,
        help_text=_("A sender has claimed it until this time; after that it is tried again."),
    )
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
    dedupe_key = models.CharField(
        _("deduplication key"),
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        help_text=_("A reminder that must go out only once carries a key; a second is refused."),
    )
    related_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    related_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "not_before"], name="outbox_status_due_idx"),
            models.Index(fields=["status", "next_attempt_at"], name="outbox_next_attempt_idx"),
            models.Index(fields=["related_type", "related_id"], name="outbox_related_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.template} → {self.recipient} ({self.get_status_display()})"

    @property
    def message_id_header(self) -> str:
        """A stable ``Message-ID``: every try of this row carries the same one."""
        from urllib.parse import urlsplit

        domain = urlsplit(settings.SITE_URL).hostname
        domain = domain or settings.DEFAULT_FROM_EMAIL.rpartition("@")[2]
        stamp = self.created_at.strftime("%Y%m%d%H%M%S%f")
        return f"<outbox-{self.pk}.{stamp}@{domain or 'localhost'}>"


class EmailText(models.Model):
    """An administrator's own wording of one of the portal's e-mails, in one language.

    Used instead of the shipped template (``templates/<app>/email/<name>_subject.txt`` and
    ``_body.txt``) when the message is rendered; without a row the shipped text is sent. The
    placeholders are the message's own names in double braces (``{{ case_number }}``).
    """

    template = models.CharField(_("e-mail"), max_length=100)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Off: the shipped text is sent again.")
    )

    class Meta:
        verbose_name = _("e-mail text")
        verbose_name_plural = _("e-mail texts")
        ordering = ["template", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "language"], name="notifications_email_text_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} ({self.language})"
