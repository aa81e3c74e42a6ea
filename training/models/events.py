from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrainingEventKind(models.TextChoices):
    """The kinds of training history. Each has one builder in ``training/events.py``."""

    COURSE_CREATED = "course_created", _("Course edition created")
    COURSE_COPIED = "course_copied", _("Course edition copied")
    QUESTIONS_ADDED = "questions_added", _("Questions added to the course")
    QUESTION_CREATED = "question_created", _("Question created")
    QUESTION_EDITED = "question_edited", _("Question edited")
    QUESTION_STATUS = "question_status", _("Question status changed")
    QUESTION_PROPOSED = "question_proposed", _("Question proposed")
    PROPOSAL_ACCEPTED = "proposal_accepted", _("Proposal accepted")
    PROPOSAL_REJECTED = "proposal_rejected", _("Proposal rejected")
    ATTEMPT_STARTED = "attempt_started", _("Attempt started")
    QUESTION_ANSWERED = "question_answered", _("Question answered")
    TOPIC_SCORED = "topic_scored", _("Topic scored")
    COURSE_SCORED = "course_scored", _("Course scored")
    RETAKE_STARTED = "retake_started", _("Retake started")
    ATTEMPT_ABANDONED = "attempt_abandoned", _("Attempt abandoned")
    ACTIVITY_LOGGED = "activity_logged", _("Practical activity logged")
    ACTIVITY_APPROVED = "activity_approved", _("Practical activity approved")
    ACTIVITY_RETURNED = "activity_returned", _("Practical activity returned")
    DIPLOMA_REQUESTED = "diploma_requested", _("Diploma requested")
    DIPLOMA_ISSUED = "diploma_issued", _("Diploma issued")
    DIPLOMA_REVOKED = "diploma_revoked", _("Diploma revoked")


class TrainingEvent(models.Model):
    """The training app's history: appended by the services in the same transaction."""

    kind = models.CharField(_("event"), max_length=40, choices=TrainingEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("participant"),
    )
    course = models.ForeignKey(
        "training.Course",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("course edition"),
    )
    payload = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"
