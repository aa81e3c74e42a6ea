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
