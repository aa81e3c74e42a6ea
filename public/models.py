"""The business owner's side: access tokens, intake details and the satisfaction survey (NKI).

Tokens are stored only as SHA-256 hashes: the raw token lives in the link the business gets.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenPurpose(models.TextChoices):
    TRACKING = "tracking", _("Tracking page")


class CaseAccessToken(models.Model):
    """One link to a case's tracking page. Several may be valid (a re-sent link adds one)."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="access_tokens",
        verbose_name=_("case"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=TokenPurpose.choices, default=TokenPurpose.TRACKING
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("tracking link")
        verbose_name_plural = _("tracking links")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case.number} ({self.created_at:%Y-%m-%d})"


class PreferredContact(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")


class IntakeDetails(models.Model):
    """What the public form adds to a case. The client's address is never stored."""

    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="intake_details",
        verbose_name=_("case"),
    )
    preferred_contact = models.CharField(
        _("preferred way to be contacted"),
        max_length=10,
        choices=PreferredContact.choices,
        default=PreferredContact.EMAIL,
    )
    consent_given_at = models.DateTimeField(_("read the personal data notice at"))
    company_name_given = models.CharField(
        _("company name given"),
        max_length=200,
        blank=True,
        help_text=_(
            "The name the business wrote on the form. A company already registered keeps its "
            "registered name; the case page shows this one when it differs."
        ),
    )
    contact_name_given = models.CharField(
        _("contact name given"),
        max_length=150,
        blank=True,
        help_text=_(
            "The name the business wrote on the form. A contact person already known by the "
            "e-mail address keeps the stored details; the case page shows these when they differ."
        ),
    )
    contact_phone_given = models.CharField(_("contact phone given"), max_length=40, blank=True)
    contact_email_given = models.EmailField(
        _("contact e-mail given"),
        blank=True,
        help_text=_(
            "The address the business wrote on the form. A new address for a company already "
            "registered adds no contact person: an official adds it to the register."
        ),
    )

    class Meta:
        verbose_name = _("public form details")
        verbose_name_plural = _("public form details")

    def __str__(self) -> str:
        return str(self.case)


class SurveyInvitation(models.Model):
    """The satisfaction survey sent to the business after a case is closed or decided."""

    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="survey_invitation",
        verbose_name=_("case"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    first_sent_at = models.DateTimeField(_("first sent"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reminders_sent__lte=3), name="public_survey_max_3_reminders"
            ),
        ]

    def __str__(self) -> str:
        return str(self.case)


SCORE_FIELDS = (
    "information",
    "tillganglighet",
    "bemotande",
    "kompetens",
    "rattssakerhet",
    "effektivitet",
    "overall_satisfaction",
    "expectations_met",
    "close_to_ideal",
)
FACTOR_FIELDS = SCORE_FIELDS[:6]
OVERALL_FIELDS = SCORE_FIELDS[6:]


class SurveyResponse(models.Model):
    """One answer per case. The scale is copied at answer time, so history stays right.

    A service factor left empty was answered "don't know" (as in SKR Insikt); the three NKI
    questions are always answered."""

    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="survey_response",
        verbose_name=_("case"),
    )
    scale_max = models.PositiveSmallIntegerField(_("scale maximum"), default=6)
    information = models.PositiveSmallIntegerField(_("information"), null=True, blank=True)
    tillganglighet = models.PositiveSmallIntegerField(
        _("accessibility (tillgänglighet)"), null=True, blank=True
    )
    bemotande = models.PositiveSmallIntegerField(_("treatment (bemötande)"), null=True, blank=True)
    kompetens = models.PositiveSmallIntegerField(_("competence"), null=True, blank=True)
    rattssakerhet = models.PositiveSmallIntegerField(
        _("legal certainty (rättssäkerhet)"), null=True, blank=True
    )
    effektivitet = models.PositiveSmallIntegerField(_("efficiency"), null=True, blank=True)
    overall_satisfaction = models.PositiveSmallIntegerField(_("overall satisfaction"))
    expectations_met = models.PositiveSmallIntegerField(_("expectations met"))
    close_to_ideal = models.PositiveSmallIntegerField(_("close to the ideal"))
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered"))

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["-answered_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gte=2), name="public_survey_scale_min_2"
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{field}__gte": 1})
                    & models.Q(**{f"{field}__lte": models.F("scale_max")}),
                    name=f"public_survey_{field}_on_scale",
                )
                for field in SCORE_FIELDS
            ),
        ]

    def __str__(self) -> str:
        return str(self.case)

    def clean(self) -> None:
        super().clean()
        errors = {}
        for field in SCORE_FIELDS:
            value = getattr(self, field)
            if value is not None and not 1 <= value <= self.scale_max:
                errors[field] = _("Choose a value from 1 to %(max)s.") % {"max": self.scale_max}
        if errors:
            raise ValidationError(errors)


class SubmittedForm(models.TextChoices):
    INTAKE = "intake", _("Matter submitted")
    REPLY = "reply", _("Reply from the business")
    SURVEY = "survey", _("Survey answer")
    OUTSIDE = "outside", _("Answer from an outside party")


class SubmissionKey(models.Model):
    """A public form's one-time key, claimed in the transaction that stores what it sent.

    The unique hash makes a second send of the same form (a replay, a double click, two
    processes at once) wait for the first one's transaction and then find its row: it shows
    the first result and stores nothing. Only the hash of the key is kept.
    """

    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    form = models.CharField(_("form"), max_length=10, choices=SubmittedForm.choices)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("case"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent public form")
        verbose_name_plural = _("sent public forms")

    def __str__(self) -> str:
        return f"{self.form} {self.created_at:%Y-%m-%d %H:%M}"


class OutsideQuestion(models.Model):
    """A question to an outside party (Polisen, Länsstyrelsen, Skatteverket) about a case.

    The party answers on a page opened by a private link, without an account. Like the
    tracking links, only the SHA-256 hash of the link's token is stored; the link stops
    working when it expires, when the question is answered, or when an official withdraws it.
    """

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="outside_questions",
        verbose_name=_("case"),
    )
    party = models.CharField(_("outside party"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    question = models.TextField(_("question"))
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    asked_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked"))
    expires_at = models.DateTimeField(_("link works until"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("link withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("question to an outside party")
        verbose_name_plural = _("questions to outside parties")
        ordering = ["-asked_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(answered_at__isnull=False) & models.Q(answer="")),
                name="public_outside_answered_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} ({self.asked_at:%Y-%m-%d})"
