"""One case: the case page, the pages that correct or answer a part of it, and its related
cases."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.http import Http404

from accounts.models import Membership, User
from notifications.models import OutboxMessage

from .. import hooks
from ..models import Attachment, Case, CaseEvent, CaseLink, IntakeAnswer, Message, Note, Referral
from ..permissions import visible_cases
from ..workflow import OPEN_REFERRAL_STATUSES
from .lists import LIST_RELATED


def get_visible_case(user, pk: int) -> Case:
    """A case the user may see, or 404 (the same answer as for a case that does not exist)."""
    try:
        return (
            visible_cases(user)
            .select_related(*LIST_RELATED, "contact", "opened_by", "opened_in")
            .get(pk=pk)
        )
    except Case.DoesNotExist:
        raise Http404 from None


def case_with_intake_answers(user, pk: int) -> Case:
    """A visible case with its answers and their questions (the page correcting them), or 404."""
    answers = IntakeAnswer.objects.select_related("question")
    case = (
        visible_cases(user)
        .select_related("case_type", "company")
        .prefetch_related(Prefetch("intake_answers", queryset=answers))
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def get_visible_referral(user, pk: int) -> Referral:
    referral = (
        Referral.objects.select_related("case", "department")
        .filter(case__in=visible_cases(user))
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        raise Http404
    return referral


@dataclass
class CaseDetail:
    case: Case
    referrals: list[Referral]
    events: list[CaseEvent]
    notes: list[Note]
    messages: list[Message]
    attachments: list[Attachment]
    outbox: list[OutboxMessage]
    open_referrals: int = 0
    all_answered: bool = False
    # What the apps built on cases show on the page, per slot ("company", "contact", "notes").
    parts: dict[str, list[hooks.RenderedPart]] = field(default_factory=dict)
    # Cases of the same matter: linked with this one, and merged into it.
    linked: list[Case] = field(default_factory=list)
    merged_cases: list[Case] = field(default_factory=list)


def case_detail(user, pk: int) -> CaseDetail:
    queryset = visible_cases(user).select_related(
        *LIST_RELATED,
        "contact",
        "opened_by",
        "opened_in",
        "merged_into",
        *hooks.case_page_related(),
    )
    queryset = queryset.prefetch_related(
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related(
                "department", "assignee", "requested_by", "rerouted_from__department"
            ),
        ),
        Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
        Prefetch("notes", queryset=Note.objects.select_related("author")),
        Prefetch("messages", queryset=Message.objects.select_related("author")),
        Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
        "intake_answers",
    )
    case = queryset.filter(pk=pk).first()
    if case is None:
        raise Http404
    referrals = list(case.referrals.all())
    open_count = sum(1 for r in referrals if r.status in OPEN_REFERRAL_STATUSES)
    linked, merged_cases = related_cases(user, case)
    return CaseDetail(
        case=case,
        referrals=referrals,
        events=list(case.events.all()),
        notes=list(case.notes.all()),
        messages=list(case.messages.all()),
        attachments=list(case.attachments.all()),
        outbox=list(OutboxMessage.objects.about(case).order_by("created_at")),
        open_referrals=open_count,
        all_answered=bool(referrals) and open_count == 0,
        parts=hooks.render_case_page_parts(case),
        linked=linked,
        merged_cases=merged_cases,
    )


def department_members(referrals) -> dict[int, list[User]]:
    """The active members of the referrals' departments, by department, in one query: whom a
    referral may be assigned to."""
    rows = (
        Membership.objects.filter(
            department_id__in={r.department_id for r in referrals}, user__is_active=True
        )
        .select_related("user")
        .order_by("user__full_name", "user__pk")
    )
    members: dict[int, list[User]] = {}
    for row in rows:
        members.setdefault(row.department_id, []).append(row.user)
    return members


def find_visible_case_by_number(user, number: str) -> Case | None:
    """The case with ``number`` if the user may see it (None also for one hidden from them)."""
    return visible_cases(user).filter(number__iexact=number.strip()).first()


def related_cases(user, case: Case) -> tuple[list[Case], list[Case]]:
    """The visible cases linked with ``case`` and those merged into it: one query."""
    linked_pks = (
        CaseLink.objects.filter(first=case)
        .values("second_id")
        .union(CaseLink.objects.filter(second=case).values("first_id"))
    )
    rows = list(
        visible_cases(user)
        .filter(Q(pk__in=linked_pks) | Q(merged_into=case))
        .select_related("case_type")
        .order_by("created_at", "pk")
    )
    merged = [row for row in rows if row.merged_into_id == case.pk]
    return [row for row in rows if row.merged_into_id != case.pk], merged
