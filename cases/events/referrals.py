"""The builders of the events of asking someone: referrals to a department (routed, accepted,
answered, declined, withdrawn, rerouted) and questions to an outside party."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..models import (
    Attachment,
    Case,
    CaseEvent,
    Referral,
)
from .kinds import (
    OUTSIDE_ANSWER_RECEIVED,
    OUTSIDE_QUESTION_REVOKED,
    OUTSIDE_QUESTION_SENT,
    REFERRAL_ACCEPTED,
    REFERRAL_ANSWERED,
    REFERRAL_DECLINED,
    REFERRAL_REROUTED,
    REFERRAL_WITHDRAWN,
    ROUTED,
)
from .payloads import (
    OutsideAnswerReceivedPayload,
    OutsideQuestionPayload,
    OutsideQuestionSentPayload,
    ReferralAnsweredPayload,
    ReferralDeclinedPayload,
    ReferralPayload,
    ReferralReroutedPayload,
    ReferralWithdrawnPayload,
    RoutedPayload,
)

if TYPE_CHECKING:
    from accounts.models import Department, User


def _about(referral: Referral) -> ReferralPayload:
    return ReferralPayload(referral=referral.pk, department=referral.department.name)


@ROUTED.builds
def routed(
    *, referral: Referral, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    payload = RoutedPayload(
        **_about(referral),
        request=referral.request_text,
        due_date=referral.due_date.isoformat(),
    )
    return ROUTED.new(case=referral.case, actor=actor, at=at, payload=payload)


@REFERRAL_ACCEPTED.builds
def referral_accepted(
    *, referral: Referral, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    return REFERRAL_ACCEPTED.new(case=referral.case, actor=actor, at=at, payload=_about(referral))


@REFERRAL_ANSWERED.builds
def referral_answered(
    *, referral: Referral, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    payload = ReferralAnsweredPayload(**_about(referral), answer=referral.answer_text)
    return REFERRAL_ANSWERED.new(case=referral.case, actor=actor, at=at, payload=payload)


@REFERRAL_DECLINED.builds
def referral_declined(
    *, referral: Referral, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    payload = ReferralDeclinedPayload(**_about(referral), reason=referral.decline_reason)
    return REFERRAL_DECLINED.new(case=referral.case, actor=actor, at=at, payload=payload)


@REFERRAL_WITHDRAWN.builds
def referral_withdrawn(
    *,
    referral: Referral,
    merged_into: Case | None = None,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """``merged_into``: withdrawn because the case was merged into that one."""
    payload = ReferralWithdrawnPayload(**_about(referral))
    if merged_into is not None:
        payload["merged_into"] = merged_into.number
    return REFERRAL_WITHDRAWN.new(case=referral.case, actor=actor, at=at, payload=payload)


@REFERRAL_REROUTED.builds
def referral_rerouted(
    *,
    referral: Referral,
    from_department: Department,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """``referral`` is the new one; ``from_department`` had the withdrawn one."""
    payload = ReferralReroutedPayload(
        **_about(referral), from_department=from_department.name, request=referral.request_text
    )
    return REFERRAL_REROUTED.new(case=referral.case, actor=actor, at=at, payload=payload)


@OUTSIDE_QUESTION_SENT.builds
def outside_question_sent(
    *,
    case: Case,
    question: int,
    party: str,
    email: str,
    text: str,
    expires: datetime,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload = OutsideQuestionSentPayload(
        question=question, party=party, email=email, text=text, expires=expires.isoformat()
    )
    return OUTSIDE_QUESTION_SENT.new(case=case, actor=actor, at=at, payload=payload)


@OUTSIDE_ANSWER_RECEIVED.builds
def outside_answer_received(
    *,
    case: Case,
    question: int,
    party: str,
    answer: str,
    attachment: Attachment | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """The outside party answered on its private page (no official is the actor)."""
    payload = OutsideAnswerReceivedPayload(question=question, party=party, answer=answer)
    if attachment is not None:
        payload["attachment"] = attachment.pk
        payload["file_name"] = attachment.original_name
    return OUTSIDE_ANSWER_RECEIVED.new(case=case, actor=None, at=at, payload=payload)


@OUTSIDE_QUESTION_REVOKED.builds
def outside_question_revoked(
    *, case: Case, question: int, party: str, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    payload = OutsideQuestionPayload(question=question, party=party)
    return OUTSIDE_QUESTION_REVOKED.new(case=case, actor=actor, at=at, payload=payload)
