from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..workflow import OPEN_REFERRAL_STATUSES, ReferralStatus


class ReferralQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_REFERRAL_STATUSES)


class Referral(models.Model):
    """A case routed to another department with a question or request."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("case")
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("department"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    request_text = models.TextField(_("question or request"))
    due_date = models.DateField(_("answer by"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_referrals",
        verbose_name=_("assignee"),
    )
    answer_text = models.TextField(_("answer"), blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    rerouted_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rerouted_to",
        verbose_name=_("re-routed from"),
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["department", "status"], name="cases_ref_dept_status"),
            models.Index(fields=["department", "case"], name="cases_ref_dept_case"),
            # Mitt arbete's incoming referrals: the few open ones of a department, by due date
            # (at 100,000 cases a sequential scan of every referral without it).
            models.Index(
                fields=["department", "due_date", "id"],
                condition=models.Q(status__in=sorted(OPEN_REFERRAL_STATUSES)),
                name="cases_ref_open_dept_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} → {self.department}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFERRAL_STATUSES


class CaseAccess(models.Model):
    """A department a *confidential* case is open to: its lead department, or one it is
    routed to (one row per case and department; none for a case that is not confidential).

    Derived from the case and its referrals, kept by ``cases.services.access.sync_case_access``
    in the transaction of every change of a case, so the list's visibility reads one small
    index (the confidential cases open to the user's departments) instead of joining all of a
    department's referrals to all confidential cases. The coordinator is read from the case
    itself (a partial index on confidential cases).
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="access", verbose_name=_("case")
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique (department, case) index serves the lookups by department
        verbose_name=_("department"),
    )

    class Meta:
        verbose_name = _("access of a confidential case")
        verbose_name_plural = _("access of confidential cases")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "case"], name="cases_caseaccess_dept_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.department_id}"
