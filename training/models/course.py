from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FeedbackMode(models.TextChoices):
    IMMEDIATE = "immediate", _("After each answer")
    DEFERRED = "deferred", _("When the topic is finished")


class Course(models.Model):
    """One year's edition of the LOTS course."""

    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    pass_mark_percent = models.PositiveSmallIntegerField(_("pass mark overall (%)"), default=80)
    topic_minimum_percent = models.PositiveSmallIntegerField(_("minimum per topic (%)"), default=60)
    feedback_mode = models.CharField(
        _("explanations shown"),
        max_length=10,
        choices=FeedbackMode.choices,
        default=FeedbackMode.IMMEDIATE,
    )
    enrol_all_officials = models.BooleanField(
        _("all officials take part"),
        default=True,
        help_text=_("Otherwise only members of the chosen departments."),
    )
    departments = models.ManyToManyField(
        "accounts.Department",
        blank=True,
        related_name="training_courses",
        verbose_name=_("departments taking part"),
    )
    diploma_signatory = models.CharField(
        _("signature on the diploma"),
        max_length=200,
        blank=True,
        help_text=_(
            "The training coordinator who signs this year's diplomas, with the title, e.g. "
            "“Johan Ek, LOTS-samordnare”. The municipality's name is added below it."
        ),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("course edition")
        verbose_name_plural = _("course editions")
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["year", "title"], name="training_course_year_title"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="training_course_closes_after_opens",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class CourseQuestion(models.Model):
    """A slot: the latest ready version of ``entry`` is asked in ``course``."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="slots", verbose_name=_("course edition")
    )
    entry = models.ForeignKey(
        "training.QuestionEntry",
        on_delete=models.PROTECT,
        related_name="slots",
        verbose_name=_("question"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("course question")
        verbose_name_plural = _("course questions")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "entry"], name="training_slot_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.course} #{self.position}"


class RequirementKind(models.TextChoices):
    COMPANY_VISIT = "company_visit", _("Company visit")
    COUNCIL_MEETING = "council_meeting", _("Municipal council meeting")
    PLACEMENT = "placement", _("Placement at another department")
    WORKSHOP = "workshop", _("Workshop")
    OTHER = "other", _("Other")


class PracticalRequirement(models.Model):
    course = models.ForeignKey(
        Course,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("course edition"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RequirementKind.choices)
    required_count = models.PositiveSmallIntegerField(_("number required"), default=1)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("practical requirement")
        verbose_name_plural = _("practical requirements")
        ordering = ["course", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "kind"], name="training_requirement_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} × {self.required_count}"
