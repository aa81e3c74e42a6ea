"""What the municipality configures in the admin: insight themes and the yearly visit goal."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """What an insight is about (kompetensförsörjning, lokaler, tillstånd ...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("insight theme")
        verbose_name_plural = _("insight themes")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class VisitGoal(models.Model):
    """How many company visits a department (or, without one, the municipality) means to hold
    in a year."""

    year = models.PositiveIntegerField(_("year"))
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="visit_goals",
        verbose_name=_("department"),
        help_text=_("Leave empty for the goal of the whole municipality."),
    )
    visits = models.PositiveIntegerField(_("visits"))

    class Meta:
        verbose_name = _("visit goal")
        verbose_name_plural = _("visit goals")
        ordering = ["-year", "department__name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "department"], name="development_goal_unique"),
            # One goal of the whole municipality a year (NULLs are distinct above).
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(department__isnull=True),
                name="development_goal_whole_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.visits}"
