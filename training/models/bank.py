"""The question bank: a question's identity (entry) is separate from its versions.

Editing a version that someone has been shown creates a new version, so every attempt keeps the
exact question that was asked (the Moodle model).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready")
    HIDDEN = "hidden", _("Hidden")


class QuestionEntry(models.Model):
    """A question's stable identity; what it says lives in its versions."""

    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="entries", verbose_name=_("topic")
    )
    key = models.CharField(
        _("stable key"),
        max_length=64,
        unique=True,
        help_text=_("Identifies the question across editions, imports and exports."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The legal review: when the question was last checked against the law and the agencies'
    # pages, by whom, and whether it waits for a new check because its source changed.
    law_checked_on = models.DateField(
        _("checked against the law on"),
        null=True,
        blank=True,
        help_text=_("The day the question, its answers and its source were last checked."),
    )
    reviewer = models.CharField(
        _("reviewer"),
        max_length=150,
        blank=True,
        help_text=_("Who checked it (a name or an editorial group)."),
    )
    review_requested = models.BooleanField(
        _("marked for review"),
        default=False,
        help_text=_("Its source changed: check it before the next edition opens."),
    )
    review_reason = models.TextField(_("why it needs review"), blank=True)
    review_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked for review by"),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["topic__position", "created_at", "pk"]

    def __str__(self) -> str:
        return self.key


class QuestionVersion(models.Model):
    entry = models.ForeignKey(
        QuestionEntry, on_delete=models.CASCADE, related_name="versions", verbose_name=_("question")
    )
    number = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.READY
    )
    type = models.CharField(
        _("type"), max_length=12, choices=QuestionType.choices, default=QuestionType.SINGLE
    )
    text = models.TextField(_("question"))
    explanation = models.TextField(_("explanation"))
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_('E.g. "PBL 9 kap. 27 §".')
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        ordering = ["entry_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "number"], name="training_version_entry_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text[:70]} (v{self.number})"

    @property
    def is_active(self) -> bool:
        return self.status == VersionStatus.READY


class Choice(models.Model):
    version = models.ForeignKey(
        QuestionVersion,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("question version"),
    )
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text
