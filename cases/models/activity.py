"""What happens on a case: its timeline (append-only), notes, messages and attachments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """The kinds of timeline event. Each is defined once in ``cases/events/`` (its payload,
    builder, fragment and personal keys); who sees it (``is_public``) is said there too."""

    OPENED = "opened", _("Opened")
    STATUS_CHANGED = "status_changed", _("Status changed")
    COORDINATOR_CHANGED = "coordinator_changed", _("Coordinator changed")
    ROUTED = "routed", _("Routed to a department")
    REFERRAL_ACCEPTED = "referral_accepted", _("Referral accepted")
    REFERRAL_ANSWERED = "referral_answered", _("Referral answered")
    REFERRAL_DECLINED = "referral_declined", _("Referral declined")
    REFERRAL_WITHDRAWN = "referral_withdrawn", _("Referral withdrawn")
    REFERRAL_REROUTED = "referral_rerouted", _("Referral re-routed")
    NOTE_ADDED = "note_added", _("Internal note")
    MESSAGE_SENT = "message_sent", _("Message to the business")
    MESSAGE_RECEIVED = "message_received", _("Message from the business")
    ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
    ANONYMISED = "anonymised", _("Personal data removed")
    CONTACT_SET = "contact_set", _("Contact person set")
    ARCHIVE_EXPORTED = "archive_exported", _("Exported for the e-archive")
    COMPLETION_REQUESTED = "completion_requested", _("Completion requested")
    DOCUMENTS_RECEIVED = "documents_received", _("Documents received")
    STATUTORY_EXTENDED = "statutory_extended", _("Statutory period extended")
    GUARANTEE_BREACHED = "guarantee_breached", _("Service guarantee breached")
    FEE_RECORDED = "fee_recorded", _("Fee recorded")
    OUTSIDE_QUESTION_SENT = "outside_question_sent", _("Question to an outside party")
    OUTSIDE_ANSWER_RECEIVED = "outside_answer_received", _("Answer from an outside party")
    OUTSIDE_QUESTION_REVOKED = "outside_question_revoked", _("Outside party's link withdrawn")
    CASE_EDITED = "case_edited", _("Case details changed")
    CASE_LINKED = "case_linked", _("Case linked")
    CASE_MERGED = "case_merged", _("Cases merged")
    ASSIGNED = "assigned", _("Assigned to a colleague")
    INTAKE_ANSWERS_CHANGED = "intake_answers_changed", _("Answers to the questions changed")


class CaseEvent(models.Model):
    """One entry of a case's timeline. Written with the change, never edited."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"))
    payload = models.JSONField(_("details"), default=dict, blank=True)
    is_public = models.BooleanField(_("shown to the business"), default=False)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("The case timeline is append-only: an event is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The case timeline is append-only: an event is never deleted.")

    @property
    def template_name(self) -> str:
        """The fragment that renders this kind (``templates/cases/events/<kind>.html``)."""
        from ..events import template_for  # the registry imports the models

        return template_for(self.kind)


class Note(models.Model):
    """An internal note: officials only."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="notes", verbose_name=_("case")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class MessageDirection(models.TextChoices):
    TO_BUSINESS = "to_business", _("To the business")
    FROM_BUSINESS = "from_business", _("From the business")


class Message(models.Model):
    """A message exchanged with the business."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="messages", verbose_name=_("case")
    )
    direction = models.CharField(_("direction"), max_length=20, choices=MessageDirection.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name is chosen by the service (a UUID and the detected extension).
    return f"cases/{instance.case_id}/{filename}"


class Attachment(models.Model):
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="attachments", verbose_name=_("case")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    from_business = models.BooleanField(_("from the business"), default=False)
    # A file sent to the business with a message: the only official's file its tracking page
    # offers. A file without a message is internal and never reaches the business.
    message = models.ForeignKey(
        Message,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("sent with the message"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
