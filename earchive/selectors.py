"""Everything a closed case's information package holds, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from cases.models import Attachment, Case, CaseEvent, Message, Referral


@dataclass(frozen=True)
class CaseRecord:
    case: Case
    messages: list[Message]
    referrals: list[Referral]
    attachments: list[Attachment]
    events: list[CaseEvent]


def case_record(case_id: int) -> CaseRecord:
    case = Case.objects.select_related(
        "company", "case_type", "lead_department", "coordinator", "door", "opened_by"
    ).get(pk=case_id)
    return CaseRecord(
        case=case,
        messages=list(
            Message.objects.filter(case=case).select_related("author").order_by("created_at", "pk")
        ),
        referrals=list(
            Referral.objects.filter(case=case)
            .select_related("department", "requested_by")
            .order_by("created_at", "pk")
        ),
        attachments=list(Attachment.objects.filter(case=case).order_by("created_at", "pk")),
        events=list(
            CaseEvent.objects.filter(case=case).select_related("actor").order_by("created_at", "pk")
        ),
    )
