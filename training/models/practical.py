from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training.workflow import ActivityStatus

__all__ = ["ActivityStatus", "PracticalActivity"]


class PracticalActivity(models.Model):
    """Something a participant did in the practical LOTS year, for a coordinator to approve."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_activities",
        verbose_name=_("participant"),
    )
    course = models.ForeignKey(
        "training.Course",
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("course edition"),
    )
    requirement = models.ForeignKey(
        "training.PracticalRequirement",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("requirement"),
    )
    date = models.DateField(_("date"))
    place_or_department = models.CharField(_("place or department"), max_length=200)
    learned = models.TextField(_("what I learned"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.SUBMITTED
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_comment = models.TextField(_("comment"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("logged"), default=timezone.now)

    class Meta:
        verbose_name = _("practical activity")
        verbose_name_plural = _("practical activities")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["course", "status"], name="training_activity_status")]

    def __str__(self) -> str:
        return f"{self.user} – {self.requirement.get_kind_display()} {self.date}"
