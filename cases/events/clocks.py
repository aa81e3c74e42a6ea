"""The builders of the events of the legal clocks: completion asked for, documents received, the
statutory deadline extended, a guarantee breached, a fee recorded."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from ..models import (
    Case,
    CaseEvent,
)
from .kinds import (
    COMPLETION_REQUESTED,
    DOCUMENTS_RECEIVED,
    FEE_RECORDED,
    GUARANTEE_BREACHED,
    STATUTORY_EXTENDED,
)
from .payloads import (
    CompletionRequestedPayload,
    DocumentsReceivedPayload,
    FeeRecordedPayload,
    GuaranteeBreachedPayload,
    StatutoryExtendedPayload,
)

if TYPE_CHECKING:
    from accounts.models import User


@COMPLETION_REQUESTED.builds
def completion_requested(
    *,
    case: Case,
    asked_on: date,
    restarts: bool,
    window_closes: date,
    what: str = "",
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """The committee asked for the missing documents (a föreläggande, PBL 9:22 and 9:27)."""
    payload = CompletionRequestedPayload(
        asked_on=asked_on.isoformat(),
        restarts=restarts,
        window_closes=window_closes.isoformat(),
        what=what.strip(),
    )
    return COMPLETION_REQUESTED.new(case=case, actor=actor, at=at, payload=payload)


@DOCUMENTS_RECEIVED.builds
def documents_received(
    *,
    case: Case,
    received_on: date,
    own_initiative: bool,
    statutory_due_date: date | None,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """Documents came in: those asked for, or a supplement on the applicant's own initiative."""
    payload = DocumentsReceivedPayload(
        received_on=received_on.isoformat(),
        own_initiative=own_initiative,
        statutory_due_date=statutory_due_date.isoformat() if statutory_due_date else "",
    )
    return DOCUMENTS_RECEIVED.new(case=case, actor=actor, at=at, payload=payload)


@STATUTORY_EXTENDED.builds
def statutory_extended(
    *,
    case: Case,
    weeks: int,
    statutory_due_date: date,
    to_business: str,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """The statutory period was extended (once, PBL 9:27), the applicant told why."""
    payload = StatutoryExtendedPayload(
        weeks=weeks,
        statutory_due_date=statutory_due_date.isoformat(),
        to_business=to_business.strip(),
    )
    return STATUTORY_EXTENDED.new(case=case, actor=actor, at=at, payload=payload)


@GUARANTEE_BREACHED.builds
def guarantee_breached(
    *,
    case: Case,
    promise: str,
    deadline: datetime,
    department: str = "",
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """A service guarantee was not kept (flagged once by the daily sweep)."""
    payload = GuaranteeBreachedPayload(
        promise=promise, deadline=timezone.localtime(deadline).isoformat(), department=department
    )
    return GUARANTEE_BREACHED.new(case=case, actor=actor, at=at, payload=payload)


@FEE_RECORDED.builds
def fee_recorded(
    *, case: Case, fee_kronor: int | None, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    """The fee of a statutory case (the base of its fee reduction, PBL 12 kap. 8 a §)."""
    return FEE_RECORDED.new(
        case=case, actor=actor, at=at, payload=FeeRecordedPayload(fee_kronor=fee_kronor)
    )
