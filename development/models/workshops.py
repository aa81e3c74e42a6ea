"""DialogLab workshops (Samverkan): officials and business owners on real, urgent needs."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The five steps of a DialogLab workshop, guiding the group through why, what and how.
WORKSHOP_STEPS = (
    (1, _("Start: the purpose and the insights")),
    (2, _("Why: the need for a change")),
    (3, _("What: what should change")),
    (4, _("How: exactly how it should change")),
    (5, _("Summary: ideas and next steps")),
)


class Workshop(models.Model):
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="development_workshops",
        blank=True,
        verbose_name=_("officials taking part"),
    )
    insights = models.ManyToManyField(
        "development.Insight",
        related_name="workshops",
        blank=True,
        verbose_name=_("insights worked on"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title


class WorkshopGuest(models.Model):
    """A business owner invited by name and e-mail (no account)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    company_name = models.CharField(_("company"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("invited business owner")
        verbose_name_plural = _("invited business owners")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WorkshopStep(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("step"), choices=WORKSHOP_STEPS)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "number"], name="development_step")
        ]

    def __str__(self) -> str:
        return f"{self.workshop_id} #{self.number}"
