"""Company visits (Förståelse) and the insights they bring home."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..workflow import VisitStatus


class Visit(models.Model):
    company = models.ForeignKey(
        "cases.Company",
        on_delete=models.PROTECT,
        related_name="development_visits",
        verbose_name=_("company"),
    )
    contact = models.ForeignKey(
        "cases.ContactPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("business owner met"),
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="development_visits",
        verbose_name=_("responsible department"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    date = models.DateField(_("date"))
    purpose = models.TextField(_("purpose"), blank=True)
    notes = models.TextField(
        _("confidential notes"),
        blank=True,
        help_text=_("Seen only by those taking part and the responsible department."),
    )
    guests = models.TextField(
        _("other participants"),
        blank=True,
        help_text=_("Politicians and other guests, one name per line."),
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="VisitParticipant",
        related_name="development_visits",
        verbose_name=_("officials taking part"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("company visit")
        verbose_name_plural = _("company visits")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["company", "status", "date"], name="development_visit_co")]

    def __str__(self) -> str:
        return f"{self.company.name} {self.date}"

    @property
    def guest_names(self) -> list[str]:
        return [line.strip() for line in self.guests.splitlines() if line.strip()]


class VisitParticipant(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="taking_part")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The practical LOTS-year activity logged for this visit (once).
    practical_activity = models.ForeignKey(
        "training.PracticalActivity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "user"], name="development_participant")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.visit_id}"


class InsightKind(models.TextChoices):
    NEED = "need", _("Need")
    PROBLEM = "problem", _("Problem")
    SUGGESTION = "suggestion", _("Suggestion")


class Insight(models.Model):
    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="insights", verbose_name=_("visit")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=InsightKind.choices)
    theme = models.ForeignKey(
        "development.Theme", on_delete=models.PROTECT, related_name="+", verbose_name=_("theme")
    )
    text = models.TextField(_("insight"))
    departments = models.ManyToManyField(
        "accounts.Department",
        related_name="development_insights",
        verbose_name=_("departments concerned"),
    )
    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="development_insight",
        verbose_name=_("case opened from it"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("insight")
        verbose_name_plural = _("insights")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class InsightDigest(models.Model):
    """An insight told to one department in its digest e-mail: each is told once."""

    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="digests")
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["insight", "department"], name="development_digest")
        ]

    def __str__(self) -> str:
        return f"{self.insight_id} → {self.department_id}"
