"""A participant's attempts: every item pins the exact question version and choice order shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training.workflow import AttemptState

__all__ = ["Attempt", "AttemptItem", "AttemptState", "CourseResult", "TopicResult"]

if TYPE_CHECKING:
    from .bank import Choice


class Attempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_attempts",
        verbose_name=_("participant"),
    )
    course = models.ForeignKey(
        "training.Course",
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("course edition"),
    )
    state = models.CharField(
        _("state"), max_length=12, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS
    )
    is_retake = models.BooleanField(_("retake"), default=False)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-started_at"]
        constraints = [
            # One first attempt and one retake under way at a time: a topic done and not
            # passed may be retaken while the rest of the course is still being answered.
            models.UniqueConstraint(
                fields=["user", "course", "is_retake"],
                condition=models.Q(state="in_progress"),
                name="training_one_open_attempt_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.course} ({self.get_state_display()})"


class AttemptItem(models.Model):
    """One question as it was shown in an attempt, and the answer given to it."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="items", verbose_name=_("attempt")
    )
    version = models.ForeignKey(
        "training.QuestionVersion",
        on_delete=models.PROTECT,
        related_name="attempt_items",
        verbose_name=_("question version"),
    )
    topic = models.ForeignKey(
        "training.Topic", on_delete=models.PROTECT, related_name="+", verbose_name=_("topic")
    )
    position = models.PositiveIntegerField(_("position"))
    choice_order = models.JSONField(_("choice order shown"), default=list)
    selected = models.JSONField(_("selected choices"), default=list, blank=True)
    is_correct = models.BooleanField(_("correct"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    # Set by training.selectors on the items a question page renders: the version's choices in
    # the order shown, and the ids of the choices selected.
    shown_choices: list[Choice]
    selected_ids: set[int]

    class Meta:
        verbose_name = _("attempt item")
        verbose_name_plural = _("attempt items")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "version"], name="training_item_version_once"
            ),
        ]
        indexes = [models.Index(fields=["version", "is_correct"], name="training_item_stats_idx")]

    def __str__(self) -> str:
        return f"{self.attempt_id} #{self.position}"


class TopicResult(models.Model):
    """The best score a participant reached in one topic of an edition."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_topic_results",
        verbose_name=_("participant"),
    )
    course = models.ForeignKey(
        "training.Course",
        on_delete=models.CASCADE,
        related_name="topic_results",
        verbose_name=_("course edition"),
    )
    topic = models.ForeignKey(
        "training.Topic", on_delete=models.PROTECT, related_name="results", verbose_name=_("topic")
    )
    best_correct = models.PositiveIntegerField(_("correct answers"), default=0)
    question_count = models.PositiveIntegerField(_("questions"), default=0)
    best_percent = models.PositiveSmallIntegerField(_("best score (%)"), default=0)
    passed_at = models.DateTimeField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("topic result")
        verbose_name_plural = _("topic results")
        ordering = ["course", "user", "topic__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "topic"], name="training_topic_result_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.topic}: {self.best_percent} %"


class CourseResult(models.Model):
    """A participant's result in an edition; ``passed_at`` is set once ("passed once")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_course_results",
        verbose_name=_("participant"),
    )
    course = models.ForeignKey(
        "training.Course",
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("course edition"),
    )
    percent = models.PositiveSmallIntegerField(_("score (%)"), default=0)
    passed_at = models.DateTimeField(_("passed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("course result")
        verbose_name_plural = _("course results")
        ordering = ["course", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="training_course_result"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.course}: {self.percent} %"
