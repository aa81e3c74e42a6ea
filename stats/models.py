from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """One calendar day and how many working days have passed up to and including it.

    The working days between two dates are the difference of their ``working_day_number``,
    so lead times in working days are a subtraction in SQL. Filled from ``cases.workdays``
    (Swedish public and de facto holidays) by ``stats.calendar_table``; see docs/statistics.md.
    """

    day = models.DateField(_("day"), primary_key=True)
    is_working_day = models.BooleanField(_("working day"))
    working_day_number = models.PositiveIntegerField(
        _("working days since the calendar began"),
        help_text=_("Working days from the first day of the calendar up to and including this."),
    )

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]

    def __str__(self) -> str:
        return self.day.isoformat()


class CaseFigures(models.Model):
    """A case's working-day figures, computed once when the case changes (not per request).

    Written by ``stats.services.figures`` in the transaction of every case event (the
    ``cases.hooks`` change listener) and rebuilt in batches by ``rebuild_case_figures``. Beside
    the figures, a copy of the case's columns the statistics group and filter on, so that they
    aggregate this narrow table alone; while some case has no row (bulk-loaded data before a
    rebuild) they read the cases and compute the missing figures from ``CalendarDay``, with the
    same answer. See docs/statistics.md.
    """

    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stats_figures",
        verbose_name=_("case"),
    )
    first_response_days = models.IntegerField(
        _("working days to the first answer"), null=True, blank=True
    )
    lead_days = models.IntegerField(
        _("working days from opened to finished, less the paused days"), null=True, blank=True
    )
    finished_days_late = models.IntegerField(
        _("working days from the due date to the day it was finished"), null=True, blank=True
    )
    due_day_number = models.IntegerField(
        _("working-day number of the due date"), null=True, blank=True
    )
    # The case's own columns that the statistics filter and group on, copied in the same write
    # (``stats.figures.CASE_COLUMNS``), so the aggregates read this narrow table and never the
    # wide ``cases_case``. Null only where the case's column is.
    created_at = models.DateTimeField(_("opened"), null=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    finished_at = models.DateTimeField(_("decided or closed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    due_date = models.DateField(_("due date"), null=True)
    confidential = models.BooleanField(_("confidential"), default=False)
    lead_department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        db_index=False,  # read in whole, never looked up by it
        related_name="+",
        verbose_name=_("lead department"),
    )
    case_type = models.ForeignKey(
        "cases.CaseType",
        on_delete=models.PROTECT,
        null=True,
        db_index=False,  # read in whole, never looked up by it
        related_name="+",
        verbose_name=_("type"),
    )
    door = models.ForeignKey(
        "cases.Door",
        on_delete=models.PROTECT,
        null=True,
        db_index=False,  # read in whole, never looked up by it
        related_name="+",
        verbose_name=_("came in by"),
    )
    # For the deadlines kept per clock and the fee reductions (stats.selectors.clocks).
    statutory_received_on = models.DateField(
        _("complete application received"), null=True, blank=True
    )
    statutory_due_date = models.DateField(_("statutory deadline"), null=True, blank=True)
    fee_kronor = models.PositiveIntegerField(_("fee (kr)"), null=True, blank=True)
    fee_reduction_fifths = models.PositiveSmallIntegerField(
        _("fee reduction (fifths)"), null=True, blank=True
    )
    computed_at = models.DateTimeField(_("computed"))
    # The case's survey answer, joined on the case's id (no column): the NKI figures group the
    # answers by this narrow row's department and type, not by the wide case's.
    answer = models.ForeignObject(
        "public.SurveyResponse",
        from_fields=["case"],
        to_fields=["case"],
        on_delete=models.DO_NOTHING,
        null=True,
        related_name="+",
        verbose_name=_("survey answer"),
    )

    class Meta:
        verbose_name = _("case figures")
        verbose_name_plural = _("case figures")
        indexes = [
            models.Index(fields=["created_at"], name="stats_casefig_created"),
            models.Index(fields=["finished_at"], name="stats_casefig_finished"),
        ]

    def __str__(self) -> str:
        return str(self.case_id)


class ReferralFigures(models.Model):
    """A referral's working-day figures, kept like :class:`CaseFigures`."""

    referral = models.OneToOneField(
        "cases.Referral",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stats_figures",
        verbose_name=_("referral"),
    )
    answer_days = models.IntegerField(_("working days to the answer"), null=True, blank=True)
    answered_days_late = models.IntegerField(
        _("working days from the answer-by date to the answer"), null=True, blank=True
    )
    due_day_number = models.IntegerField(
        _("working-day number of the answer-by date"), null=True, blank=True
    )
    # The referral's columns and its case's that the statistics filter and group on, copied in
    # the same write (``stats.figures.REFERRAL_COLUMNS``), as for ``CaseFigures``.
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("case"),
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        db_index=False,  # read in whole, never looked up by it
        related_name="+",
        verbose_name=_("department"),
    )
    created_at = models.DateTimeField(_("sent"), null=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    due_date = models.DateField(_("answer by"), null=True)
    case_type = models.ForeignKey(
        "cases.CaseType",
        on_delete=models.PROTECT,
        null=True,
        db_index=False,  # read in whole, never looked up by it
        related_name="+",
        verbose_name=_("type"),
    )
    door = models.ForeignKey(
        "cases.Door",
        on_delete=models.PROTECT,
        null=True,
        db_index=False,  # read in whole, never looked up by it
        related_name="+",
        verbose_name=_("came in by"),
    )
    confidential = models.BooleanField(_("confidential case"), default=False)
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("referral figures")
        verbose_name_plural = _("referral figures")

    def __str__(self) -> str:
        return str(self.referral_id)


class YearGoal(models.Model):
    """The municipality's goals for a year (SS 884000, leadership): set in admin, every change
    kept in the configuration history. Read by the self-check (docs/self-check.md)."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    nki_target = models.PositiveSmallIntegerField(
        _("NKI target"), null=True, blank=True, help_text=_("On the scale 0–100.")
    )
    visits_target = models.PositiveIntegerField(_("company visits target"), null=True, blank=True)
    guarantee_target = models.PositiveSmallIntegerField(
        _("service guarantees kept target (%)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("year goal")
        verbose_name_plural = _("year goals")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def targets_set(self) -> int:
        return sum(
            value is not None
            for value in (self.nki_target, self.visits_target, self.guarantee_target)
        )


class ManagementReview(models.Model):
    """The yearly management review of the business-piloting work, with its decisions,
    recorded in the portal by ``stats.services.reviews``."""

    year = models.PositiveIntegerField(_("year"))
    held_on = models.DateField(_("held on"))
    decisions = models.TextField(_("decisions"))
    recorded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        ordering = ["-year", "-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.year} ({self.held_on.isoformat()})"
