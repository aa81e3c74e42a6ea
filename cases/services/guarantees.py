"""The daily sweep of the service guarantees (run with the reminders, safe to run again).

Each guarantee that has settled for a case (kept, or breached: met late or not met in time)
gets its one stored outcome (``GuaranteeOutcome``, unique per guarantee and subject); a breach
also leaves an internal timeline event and e-mails the coordinator and the lead department's
lead(s), once: a second run finds the outcome stored and does nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from .. import events
from ..guarantees import Standing, standing
from ..models import Case, GuaranteeOutcome, GuaranteeState, Referral, ServiceGuarantee
from ..workflow import ACTIVE_CASE_STATUSES
from .events import record
from .notify import lead_emails, notify

# Finished cases are looked at this long after (a late first answer is found then).
LOOKBACK_DAYS = 60


def _candidates(now: datetime, guarantees: list[ServiceGuarantee]):
    types = {g.case_type_id for g in guarantees}
    cases = Case.objects.filter(
        Q(status__in=ACTIVE_CASE_STATUSES)
        | Q(decided_at__gte=now - timedelta(days=LOOKBACK_DAYS))
        | Q(closed_at__gte=now - timedelta(days=LOOKBACK_DAYS)),
        anonymised_at=None,
    )
    if None not in types:
        cases = cases.filter(case_type_id__in=types)
    return cases.select_related("company", "coordinator", "lead_department").prefetch_related(
        Prefetch("referrals", queryset=Referral.objects.select_related("department"))
    )


def _flag(case: Case, line: Standing) -> None:
    department = line.referral.department.name if line.referral else ""
    record(
        events.guarantee_breached(
            case=case,
            promise=line.guarantee.promise,
            deadline=line.deadline_at,
            department=department,
        )
    )
    recipients = [case.coordinator.email if case.coordinator else ""]
    recipients += lead_emails(case.lead_department)
    for to in dict.fromkeys(r for r in recipients if r):
        notify(
            to=to,
            template="guarantee_breached",
            case=case,
            dedupe_key=f"cases:guarantee:{line.guarantee.pk}:{case.pk}:{line.subject}:{to}",
            promise=line.guarantee.promise,
            guarantee_deadline=timezone.localtime(line.deadline_at).strftime("%Y-%m-%d %H:%M"),
            department=department,
        )


def _store(case: Case, line: Standing, now: datetime) -> bool:
    """The outcome, once; True when it is new (a concurrent sweep may have stored it)."""
    try:
        with transaction.atomic():
            GuaranteeOutcome.objects.create(
                guarantee=line.guarantee,
                case=case,
                referral=line.referral,
                subject=line.subject,
                state=line.state,
                started_at=line.started_at,
                deadline_at=line.deadline_at,
                met_at=line.met_at,
                recorded_at=now,
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def record_guarantee_outcomes(*, now: datetime | None = None) -> int:
    """Store what has settled since the last run; return the number of breaches flagged."""
    now = now or timezone.now()
    guarantees = list(ServiceGuarantee.objects.filter(is_active=True))
    if not guarantees:
        return 0
    cases = list(_candidates(now, guarantees))
    stored = set(
        GuaranteeOutcome.objects.filter(case__in=[c.pk for c in cases]).values_list(
            "guarantee_id", "case_id", "subject"
        )
    )
    flagged = 0
    for case in cases:
        applying = [g for g in guarantees if g.case_type_id in (None, case.case_type_id)]
        for line in standing(case, applying, list(case.referrals.all()), now):
            if line.state == GuaranteeState.RUNNING:
                continue
            if (line.guarantee.pk, case.pk, line.subject) in stored:
                continue
            if _store(case, line, now) and line.state == GuaranteeState.BREACHED:
                _flag(case, line)
                flagged += 1
    return flagged
