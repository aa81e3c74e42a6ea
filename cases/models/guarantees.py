"""Service guarantees (servicegarantier): the municipality's own published promises.

An administrator defines each one: for one case type or for all cases, what starts it and
what meets it, and how long it may take (working days or clock hours). How a case stands
against them is computed in ``cases.guarantees``; the daily sweep stores each settled outcome
(kept or breached) once, and a breach is flagged then (``cases.services.guarantees``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class GuaranteeStart(models.TextChoices):
    OPENED = "opened", _("The case is opened")
    REFERRAL_SENT = "referral_sent", _("A referral is sent")


class GuaranteeMet(models.TextChoices):
    FIRST_RESPONSE = "first_response", _("The business gets its first answer")
    COORDINATOR_NAMED = "coordinator_named", _("A coordinator is named")
    REFERRAL_ANSWERED = "referral_answered", _("The referral is answered")


class GuaranteeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("Working days")
    HOURS = "hours", _("Hours")


class GuaranteeState(models.TextChoices):
    RUNNING = "running", _("Running")
    KEPT = "kept", _("Kept")
    BREACHED = "breached", _("Breached")


class ServiceGuarantee(models.Model):
    promise = models.CharField(
        _("promise"),
        max_length=200,
        help_text=_(
            "Shown to the business after “We promise to”, e.g. “answer within 2 working days”."
        ),
    )
    case_type = models.ForeignKey(
        "cases.CaseType",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guarantees",
        verbose_name=_("case type"),
        help_text=_("Empty: every case."),
    )
    starts = models.CharField(_("starts when"), max_length=20, choices=GuaranteeStart.choices)
    met_by = models.CharField(_("kept when"), max_length=20, choices=GuaranteeMet.choices)
    amount = models.PositiveIntegerField(_("within"))
    unit = models.CharField(
        _("unit"), max_length=20, choices=GuaranteeUnit.choices, default=GuaranteeUnit.WORKING_DAYS
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("service guarantee")
        verbose_name_plural = _("service guarantees")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.promise

    def clean(self) -> None:
        per_referral = self.starts == GuaranteeStart.REFERRAL_SENT
        if per_referral != (self.met_by == GuaranteeMet.REFERRAL_ANSWERED):
            raise ValidationError(
                _("A referral's guarantee starts when it is sent and is kept when it is answered.")
            )
        if not self.amount:
            raise ValidationError({"amount": _("The time must be at least 1.")})

    @property
    def per_referral(self) -> bool:
        return self.starts == GuaranteeStart.REFERRAL_SENT


class GuaranteeOutcome(models.Model):
    """How one guarantee ended for one case (or one of its referrals): stored once."""

    guarantee = models.ForeignKey(
        ServiceGuarantee, on_delete=models.CASCADE, related_name="outcomes"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="guarantee_outcomes"
    )
    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # "case" or "referral:<id>": one outcome per guarantee and subject (NULLs are not equal).
    subject = models.CharField(max_length=40)
    state = models.CharField(max_length=10, choices=GuaranteeState.choices)
    started_at = models.DateTimeField()
    deadline_at = models.DateTimeField()
    met_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("service guarantee outcome")
        verbose_name_plural = _("service guarantee outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["guarantee", "case", "subject"], name="cases_guarantee_outcome_once"
            )
        ]
        indexes = [models.Index(fields=["started_at"], name="cases_guar_outcome_started")]

    def __str__(self) -> str:
        return f"{self.guarantee_id} {self.case_id} {self.subject}: {self.state}"
