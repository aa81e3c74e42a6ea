"""What an administrator configures: doors, case types, the registration prefix."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..workflow import CaseStatus


class Door(models.Model):
    """A way a matter comes in (reception, phone, e-mail, ...)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("door")
        verbose_name_plural = _("doors")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class DeadlineUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", _("Calendar days")
    WORKING_DAYS = "working_days", _("Working days")


class ClockKind(models.TextChoices):
    """Which clock a case type runs (see docs/clocks.md)."""

    SERVICE_LEVEL = "service_level", _("Service level (the municipality's own promise)")
    STATUTORY = "statutory", _("Statutory period (PBL 9 kap. 27 §)")
    BOTH = "both", _("Both: statutory period and service level")


class CaseType(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    public_description = models.TextField(
        _("public description"),
        blank=True,
        help_text=_("Plain-language text shown to businesses on the public form."),
    )
    lead_department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="lead_case_types",
        verbose_name=_("lead department"),
    )
    deadline_amount = models.PositiveIntegerField(_("deadline"), default=10)
    deadline_unit = models.CharField(
        _("deadline unit"),
        max_length=20,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.WORKING_DAYS,
    )
    clock = models.CharField(
        _("clock"),
        max_length=20,
        choices=ClockKind.choices,
        default=ClockKind.SERVICE_LEVEL,
        help_text=_(
            "Service level: the deadline above, in the municipality's own working days. "
            "Statutory: PBL's period in calendar weeks (9 kap. 27 §), with completion requests, "
            "one extension and fee reduction. Both: each is followed."
        ),
    )
    statutory_weeks = models.PositiveSmallIntegerField(
        _("statutory period (weeks)"),
        null=True,
        blank=True,
        help_text=_("10 for lov and förhandsbesked, 4 for startbesked after anmälan (PBL 9:27)."),
    )
    insikt_area = models.BooleanField(
        _("counted in Insikt's total NKI"),
        default=False,
        help_text=_(
            "SKR Insikt's total NKI (since 2024) covers bygglov, miljö- och hälsoskydd, "
            "livsmedelskontroll and serveringstillstånd. Tick the case types of those areas."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_public = models.BooleanField(
        _("offered on the public form"), default=True, help_text=_("Businesses may choose it.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("case type")
        verbose_name_plural = _("case types")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.clock != ClockKind.SERVICE_LEVEL and not self.statutory_weeks:
            raise ValidationError(
                {"statutory_weeks": _("A statutory clock needs its period in weeks.")}
            )

    @property
    def has_statutory_clock(self) -> bool:
        return self.clock != ClockKind.SERVICE_LEVEL and bool(self.statutory_weeks)

    @property
    def has_service_level(self) -> bool:
        return self.clock != ClockKind.STATUTORY


class CaseSettings(models.Model):
    """One row of settings for the case register, edited in the admin."""

    registration_prefix = models.CharField(
        _("registration prefix"),
        max_length=12,
        default="LOTS",
        help_text=_("Case numbers read '<prefix> <year>/<running number>', e.g. LOTS 2026/124."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("remove personal data after (months)"),
        default=36,
        help_text=_(
            "The retention rule: this many months after a case was closed or decided, the "
            "personal data in it are removed (contact person, messages, files, survey comment, "
            "tracking links). Dates, status, department, case type and survey scores are kept "
            "for the statistics. A reopened case is not affected. 0 = never remove."
        ),
    )

    class Meta:
        verbose_name = _("case register settings")
        verbose_name_plural = _("case register settings")

    def __str__(self) -> str:
        return str(_("Case register settings"))

    @classmethod
    def load(cls) -> "CaseSettings":
        settings_row = cls.objects.order_by("pk").first()
        return settings_row or cls.objects.create()


class RegistrationCounter(models.Model):
    """The last running number given out per prefix and year. Numbers are never reused."""

    prefix = models.CharField(_("prefix"), max_length=12)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("registration counter")
        verbose_name_plural = _("registration counters")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="cases_counter_prefix_year"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.year}: {self.last_number}"


class TextUse(models.TextChoices):
    MESSAGE = "message", _("Message to the business")
    DECISION = "decision", _("Decision or closing text")
    BOTH = "both", _("Both")


class StandardText(models.Model):
    """A canned text an official inserts in a message or a decision (a "standardtext").

    Offered on the case page for its case type and status (blank: every type or status), in
    Swedish and English. Placeholders: {case_number}, {title}, {company}, {coordinator},
    {department}, {due_date}, {contact}.
    """

    title = models.CharField(_("name"), max_length=150)
    body_sv = models.TextField(_("text in Swedish"))
    body_en = models.TextField(_("text in English"), blank=True)
    use = models.CharField(_("used for"), max_length=10, choices=TextUse.choices, default="both")
    case_type = models.ForeignKey(
        CaseType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="standard_texts",
        verbose_name=_("case type"),
        help_text=_("Empty: offered for every case type."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        blank=True,
        choices=CaseStatus.choices,
        help_text=_("Empty: offered in every status."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("standard text")
        verbose_name_plural = _("standard texts")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title
