from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training.workflow import ProposalStatus

__all__ = ["ProposalStatus", "QuestionProposal"]


class QuestionProposal(models.Model):
    """An official's "this should be a course question", often from a case."""

    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="training_proposals",
        verbose_name=_("proposed by"),
    )
    draft_text = models.TextField(_("draft question"))
    suggested_topic = models.ForeignKey(
        "training.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("suggested topic"),
    )
    case_reference = models.CharField(_("case number"), max_length=50, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.NEW
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
    created_entry = models.ForeignKey(
        "training.QuestionEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("question created"),
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)

    class Meta:
        verbose_name = _("question proposal")
        verbose_name_plural = _("question proposals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.draft_text[:60]
