from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionStatistic(models.Model):
    """Item analysis of one question version in one edition, computed by a nightly task.

    ``facility`` is the share of correct answers (0–1); ``discrimination`` the correlation
    between answering this item right and the participant's score on the rest of the first
    attempt (Moodle's discrimination index; near 0 or negative means the item does not
    separate those who know the subject from those who do not).
    """

    course = models.ForeignKey(
        "training.Course",
        on_delete=models.CASCADE,
        related_name="question_statistics",
        verbose_name=_("course edition"),
    )
    version = models.ForeignKey(
        "training.QuestionVersion",
        on_delete=models.CASCADE,
        related_name="statistics",
        verbose_name=_("question version"),
    )
    answered = models.PositiveIntegerField(_("answers"))
    correct = models.PositiveIntegerField(_("correct answers"))
    facility = models.FloatField(_("share correct"))
    discrimination = models.FloatField(_("discrimination index"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("question statistic")
        verbose_name_plural = _("question statistics")
        ordering = ["course", "facility"]
        constraints = [
            models.UniqueConstraint(fields=["course", "version"], name="training_stat_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.version} – {self.facility:.0%}"
