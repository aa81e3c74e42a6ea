"""How a case stands against the service guarantees, and the figures other apps read.

A guarantee runs from its start (the case opened, or a referral sent) and is kept when its
meeting moment (the first answer to the business, a coordinator named, the referral
answered) comes in time: within ``amount`` working days (by the end of that working day,
``cases.workdays``) or ``amount`` clock hours. Not met and past its time, it is breached.

- ``standing(case, guarantees, referrals, now)``: one line per guarantee (and referral) for
  the case page and the business's tracking page, computed from what is already loaded.
- ``guarantees_for(case_type_id)``: the guarantees that apply (one query).
- ``guarantees_kept(start, end)``: per guarantee, outcomes kept and breached among those
  started in the period (one aggregate query; the outcomes the daily sweep stores). The
  self-check page (another app) reads this.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .models import (
    Case,
    GuaranteeMet,
    GuaranteeOutcome,
    GuaranteeState,
    GuaranteeUnit,
    Referral,
    ServiceGuarantee,
)
from .workdays import add_working_days
from .workflow import ReferralStatus

# A withdrawn referral is not a promise the department could keep.
SKIPPED_REFERRALS = (ReferralStatus.WITHDRAWN,)


def deadline(guarantee: ServiceGuarantee, started_at: datetime) -> datetime:
    if guarantee.unit == GuaranteeUnit.HOURS:
        return started_at + timedelta(hours=guarantee.amount)
    last_day = add_working_days(timezone.localtime(started_at).date(), guarantee.amount)
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))


def state_of(deadline_at: datetime, met_at: datetime | None, now: datetime) -> str:
    if met_at is not None:
        return GuaranteeState.KEPT if met_at < deadline_at else GuaranteeState.BREACHED
    return GuaranteeState.BREACHED if now >= deadline_at else GuaranteeState.RUNNING


@dataclass(frozen=True)
class Standing:
    guarantee: ServiceGuarantee
    subject: str
    started_at: datetime
    deadline_at: datetime
    met_at: datetime | None
    state: str
    referral: Referral | None = None

    @property
    def state_label(self) -> str:
        return str(GuaranteeState(self.state).label)


def _met_at(case: Case, guarantee: ServiceGuarantee) -> datetime | None:
    if guarantee.met_by == GuaranteeMet.FIRST_RESPONSE:
        return case.first_response_at
    return case.coordinator_named_at


def _answered_at(referral: Referral) -> datetime | None:
    if referral.status == ReferralStatus.DECLINED:
        return referral.closed_at  # a reasoned "not ours" is an answer too
    return referral.answered_at


def standing(
    case: Case,
    guarantees: Iterable[ServiceGuarantee],
    referrals: Sequence[Referral],
    now: datetime,
) -> list[Standing]:
    lines = []
    for guarantee in guarantees:
        if guarantee.per_referral:
            for referral in referrals:
                if referral.status in SKIPPED_REFERRALS:
                    continue
                due = deadline(guarantee, referral.created_at)
                met = _answered_at(referral)
                lines.append(
                    Standing(
                        guarantee,
                        f"referral:{referral.pk}",
                        referral.created_at,
                        due,
                        met,
                        state_of(due, met, now),
                        referral,
                    )
                )
            continue
        due = deadline(guarantee, case.created_at)
        met = _met_at(case, guarantee)
        state = state_of(due, met, now)
        lines.append(Standing(guarantee, "case", case.created_at, due, met, state))
    return lines


def guarantees_for(case_type_id: int) -> list[ServiceGuarantee]:
    return list(
        ServiceGuarantee.objects.filter(
            Q(case_type_id=case_type_id) | Q(case_type__isnull=True), is_active=True
        )
    )


@dataclass(frozen=True)
class GuaranteeFigures:
    guarantee_id: int
    promise: str
    kept: int
    breached: int

    @property
    def kept_share(self) -> float | None:
        total = self.kept + self.breached
        return self.kept * 100 / total if total else None


def guarantees_kept(start: date, end: date, *, cases=None) -> list[GuaranteeFigures]:
    """Per guarantee, kept and breached among the outcomes started from ``start`` through
    ``end`` (local dates), optionally only for the ``cases`` queryset. One query."""
    since = timezone.make_aware(datetime.combine(start, time.min))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    outcomes = GuaranteeOutcome.objects.filter(started_at__gte=since, started_at__lt=until)
    if cases is not None:
        outcomes = outcomes.filter(case__in=cases)
    rows = (
        outcomes.values("guarantee_id", "guarantee__promise", "guarantee__position")
        .annotate(
            kept=Count("pk", filter=Q(state=GuaranteeState.KEPT)),
            breached=Count("pk", filter=Q(state=GuaranteeState.BREACHED)),
        )
        .order_by("guarantee__position", "guarantee_id")
    )
    return [
        GuaranteeFigures(r["guarantee_id"], r["guarantee__promise"], r["kept"], r["breached"])
        for r in rows
    ]
