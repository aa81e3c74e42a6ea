"""Improvement ideas, taken to innovations (Innovation)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..workflow import IdeaStatus


class IdeaSource(models.TextChoices):
    VISIT = "visit", _("Company visit")
    WORKSHOP = "workshop", _("Workshop")
    CASE = "case", _("Business case")
    OWN = "own", _("An official's own proposal")


class Idea(models.Model):
    title = models.CharField(_("title"), max_length=200)
    why = models.TextField(_("why: the need"))
    what = models.TextField(_("what should change"), blank=True)
    how = models.TextField(_("how exactly"), blank=True)
    expected_effect = models.TextField(_("expected effect"), blank=True)
    source = models.CharField(_("source"), max_length=10, choices=IdeaSource.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=IdeaStatus.choices, default=IdeaStatus.PROPOSED
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="development_ideas",
        verbose_name=_("responsible department"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="development_ideas",
        verbose_name=_("owner"),
    )
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)
    insights = models.ManyToManyField(
        "development.Insight", related_name="ideas", blank=True, verbose_name=_("insights")
    )
    workshop = models.ForeignKey(
        "development.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("workshop"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    realised_on = models.DateField(_("realised"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("improvement idea")
        verbose_name_plural = _("improvement ideas")
        ordering = ["-created_at", "-pk"]
        permissions = [("publish_idea", _("Can publish realised improvements"))]
        indexes = [models.Index(fields=["status", "published"], name="development_idea_pub")]

    def __str__(self) -> str:
        return self.title
