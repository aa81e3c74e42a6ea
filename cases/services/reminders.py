"""Reminders and escalation, run by Celery beat once a day (and safe to run again).

- A referral due within 2 working days reminds its assignee (or the department's inbox).
- An overdue referral notifies the case's coordinator and the receiving department's lead(s).
- An overdue case notifies its coordinator and the lead department's lead(s).
- PBL's clock: a statutory deadline near or passed, and a three-week window for a completion
  request about to close, warn the coordinator (``clock_reminders``).
- A breached service guarantee is flagged to the coordinator and the lead department's
  lead(s), once (``guarantees``).

Each message carries a dedupe key per (object, kind, due date, recipient): it goes out once,
and again only if the due date is moved and passes again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from ..models import Case, Referral
from ..workdays import add_working_days
from ..workflow import CaseStatus, ReferralStatus
from .clock_reminders import warn_completion_windows, warn_statutory_deadlines
from .guarantees import record_guarantee_outcomes
from .notify import department_recipients, lead_emails, notify

DUE_SOON_WORKING_DAYS = 2


@dataclass
class ReminderReport:
    due_soon: int = 0
    overdue_referrals: int = 0
    overdue_cases: int = 0
    statutory: int = 0
    completion_windows: int = 0
    guarantee_breaches: int = 0

    @property
    def total(self) -> int:
        return (
            self.due_soon
            + self.overdue_referrals
            + self.overdue_cases
            + self.statutory
            + self.completion_windows
            + self.guarantee_breaches
        )


def _referral_context(referral: Referral) -> dict:
    return {
        "department": referral.department.name,
        "referral_due_date": referral.due_date.isoformat(),
    }


def _send(
    report_field: str, report: ReminderReport, recipients, *, dedupe_base: str, **kwargs
) -> None:
    for to in dict.fromkeys(r for r in recipients if r):  # each address once, in order
        message = notify(to=to, dedupe_key=f"{dedupe_base}:{to}", **kwargs)
        if message is not None:
            setattr(report, report_field, getattr(report, report_field) + 1)


@transaction.atomic
def send_due_reminders(*, today: date | None = None) -> ReminderReport:
    today = today or timezone.localdate()
    soon = add_working_days(today, DUE_SOON_WORKING_DAYS)
    report = ReminderReport()
    related = ("case", "case__company", "case__coordinator", "department", "assignee")
    open_referrals = Referral.objects.filter(
        status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED]
    ).select_related(*related)

    for referral in open_referrals.filter(due_date__gte=today, due_date__lte=soon):
        recipients = (
            [referral.assignee.email]
            if referral.assignee
            else department_recipients(referral.department)
        )
        _send(
            "due_soon",
            report,
            recipients,
            template="referral_due_soon",
            case=referral.case,
            dedupe_base=f"cases:referral:{referral.pk}:due_soon:{referral.due_date}",
            **_referral_context(referral),
        )

    for referral in open_referrals.filter(due_date__lt=today):
        coordinator = referral.case.coordinator
        recipients = [coordinator.email if coordinator else "", *lead_emails(referral.department)]
        _send(
            "overdue_referrals",
            report,
            recipients,
            template="referral_overdue",
            case=referral.case,
            dedupe_base=f"cases:referral:{referral.pk}:overdue:{referral.due_date}",
            **_referral_context(referral),
        )

    overdue_cases = Case.objects.filter(
        status__in=[CaseStatus.NEW, CaseStatus.OPEN], due_date__lt=today
    ).select_related("company", "coordinator", "lead_department")
    for case in overdue_cases:
        recipients = [
            case.coordinator.email if case.coordinator else "",
            *lead_emails(case.lead_department),
        ]
        _send(
            "overdue_cases",
            report,
            recipients,
            template="case_overdue",
            case=case,
            dedupe_base=f"cases:case:{case.pk}:overdue:{case.due_date}",
        )
    report.statutory = warn_statutory_deadlines(today)
    report.completion_windows = warn_completion_windows(today)
    report.guarantee_breaches = record_guarantee_outcomes()
    return report
