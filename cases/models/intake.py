"""Intake questions per case type, configured in admin, and the answers a case was opened with.

An answer keeps the question as it was asked (its Swedish and English label and its kind), so
a question an administrator retires or rewords later leaves old cases showing what was asked.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .config import CaseType


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    YES_NO = "yes_no", _("Yes or no")
    CHOICE = "choice", _("One choice from a list")
    DATE = "date", _("Date")


def in_language(swedish: str, english: str) -> str:
    """The English text for an English visitor when there is one; otherwise the Swedish."""
    if english and (get_language() or settings.LANGUAGE_CODE).startswith("en"):
        return english
    return swedish


class IntakeQuestion(models.Model):
    case_type = models.ForeignKey(
        CaseType,
        on_delete=models.CASCADE,
        related_name="intake_questions",
        verbose_name=_("case type"),
    )
    kind = models.CharField(
        _("kind of answer"), max_length=20, choices=QuestionKind.choices, default="short_text"
    )
    label_sv = models.CharField(_("question in Swedish"), max_length=300)
    label_en = models.CharField(_("question in English"), max_length=300, blank=True)
    help_sv = models.CharField(_("help text in Swedish"), max_length=500, blank=True)
    help_en = models.CharField(_("help text in English"), max_length=500, blank=True)
    choices_sv = models.TextField(
        _("choices in Swedish"), blank=True, help_text=_("For a choice: one choice a line.")
    )
    choices_en = models.TextField(
        _("choices in English"),
        blank=True,
        help_text=_("The same choices in the same order, one a line; empty: the Swedish ones."),
    )
    min_value = models.IntegerField(_("lowest number"), null=True, blank=True)
    max_value = models.IntegerField(_("highest number"), null=True, blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("asked"),
        default=True,
        help_text=_("Off: no longer asked; answers already given stay on their cases."),
    )

    class Meta:
        verbose_name = _("intake question")
        verbose_name_plural = _("intake questions")
        ordering = ["case_type", "position", "pk"]

    def __str__(self) -> str:
        return self.label_sv

    @property
    def label(self) -> str:
        return in_language(self.label_sv, self.label_en)

    @property
    def help_text(self) -> str:
        return in_language(self.help_sv, self.help_en)

    def choice_pairs(self) -> list[tuple[str, str]]:
        """(Swedish, English) of each choice, in order."""
        swedish = [line.strip() for line in self.choices_sv.splitlines() if line.strip()]
        english = [line.strip() for line in self.choices_en.splitlines() if line.strip()]
        if len(english) != len(swedish):
            english = swedish
        return list(zip(swedish, english, strict=True))

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.kind == QuestionKind.CHOICE and not self.choice_pairs():
            raise ValidationError({"choices_sv": _("A choice needs at least one choice.")})
        english = [line for line in self.choices_en.splitlines() if line.strip()]
        if english and len(english) != len(self.choice_pairs()):
            raise ValidationError(
                {"choices_en": _("Give as many English choices as Swedish ones.")}
            )
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValidationError({"max_value": _("The highest number is below the lowest.")})


class IntakeAnswer(models.Model):
    """One answer given when the case was opened, with the question as it was asked."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="intake_answers")
    question = models.ForeignKey(
        IntakeQuestion, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    label_sv = models.CharField(max_length=300)
    label_en = models.CharField(max_length=300, blank=True)
    # The answer as given: text, a number, "yes"/"no", an ISO date, or a choice in Swedish
    # (value) and English (value_en).
    value = models.TextField()
    value_en = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("intake answer")
        verbose_name_plural = _("intake answers")
        ordering = ["case", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.label_sv}: {self.value[:50]}"

    @property
    def label(self) -> str:
        return in_language(self.label_sv, self.label_en)

    @property
    def shown_value(self) -> str:
        if self.kind == QuestionKind.YES_NO:
            return str(_("Yes") if self.value == "yes" else _("No"))
        if self.kind == QuestionKind.DATE:
            from datetime import date

            from django.utils.formats import date_format

            try:
                return date_format(date.fromisoformat(self.value), "SHORT_DATE_FORMAT")
            except ValueError:
                return self.value
        if self.kind == QuestionKind.CHOICE:
            return in_language(self.value, self.value_en)
        return self.value
