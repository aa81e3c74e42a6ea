"""Cases that concern the same matter: linked (both show the other) or merged into one."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CaseLink(models.Model):
    """Two cases an official said concern the same matter; one row per pair (lower pk first)."""

    first = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="links_as_first",
        verbose_name=_("case"),
    )
    second = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="links_as_second",
        verbose_name=_("linked case"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked by"),
    )
    created_at = models.DateTimeField(_("linked"))

    class Meta:
        verbose_name = _("case link")
        verbose_name_plural = _("case links")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="cases_link_pair"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="cases_link_order"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} – {self.second_id}"
