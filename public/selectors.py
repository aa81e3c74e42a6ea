"""What the public pages and the satisfaction pages read, with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership
from cases.guarantees import Standing, guarantees_for, standing
from cases.models import Attachment, Case, CaseEvent, IntakeAnswer, Message
from cases.workflow import FINISHED_CASE_STATUSES, CaseStatus

from . import permissions
from .models import CaseAccessToken, OutsideQuestion, SurveyInvitation, SurveyResponse
from .nki import NkiGrid, NkiRow
from .tokens import MAX_TOKEN_LENGTH, hash_token, link_expired


def case_for_tracking_token(raw: str) -> Case:
    """The case behind a tracking link, or Http404 for an unknown or expired link."""
    if not raw or len(raw) > MAX_TOKEN_LENGTH:
        raise Http404
    token = (
        CaseAccessToken.objects.select_related(
            "case", "case__company", "case__contact", "case__case_type", "case__lead_department"
        )
        .filter(token_hash=hash_token(raw))
        .first()
    )
    if token is None or link_expired(token.case):
        raise Http404
    return token.case


@dataclass
class TimelineEntry:
    event: CaseEvent
    message: Message | None = None
    files: list[Attachment] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        to = self.event.payload.get("to")
        return str(CaseStatus(to).label) if to in CaseStatus.values else ""


@dataclass
class TrackingPage:
    case: Case
    coordinator_name: str
    coordinator_department: str
    timeline: list[TimelineEntry]
    attachments: list[Attachment]
    is_finished: bool
    # The service guarantees of the case itself ("Vi lovar att …"), with their state.
    guarantees: list[Standing] = field(default_factory=list)
    # The answers to the case type's questions, as the business gave them.
    answers: list[IntakeAnswer] = field(default_factory=list)


def tracking_page(case: Case) -> TrackingPage:
    """Only what the business may read: public events, their messages, its own files.

    Internal notes, referrals and their texts are never read here at all.
    """
    events = list(CaseEvent.objects.filter(case=case, is_public=True).order_by("created_at", "pk"))
    message_ids = [e.payload.get("message") for e in events if e.payload.get("message")]
    messages = {m.pk: m for m in Message.objects.filter(case=case, pk__in=message_ids)}
    files = list(permissions.files_for_business(case))
    sent = [file for file in files if not file.from_business]
    timeline = [
        TimelineEntry(
            event=event,
            message=messages.get(event.payload.get("message")),
            files=[
                f for f in sent if f.message_id and f.message_id == event.payload.get("message")
            ],
        )
        for event in events
    ]
    coordinator_name = coordinator_department = ""
    if case.coordinator_id:
        membership = (
            Membership.objects.filter(user_id=case.coordinator_id)
            .select_related("user", "department")
            .order_by(
                # The lead department first, if the coordinator belongs to it.
                ExpressionWrapper(
                    Q(department_id=case.lead_department_id), output_field=BooleanField()
                ).desc(),
                "department__name",
            )
            .first()
        )
        if membership is not None:
            coordinator_name = membership.user.full_name
            coordinator_department = membership.department.name
    attachments = [file for file in files if file.from_business]
    return TrackingPage(
        case=case,
        coordinator_name=coordinator_name,
        coordinator_department=coordinator_department,
        timeline=timeline,
        attachments=attachments,
        is_finished=case.status in FINISHED_CASE_STATUSES,
        guarantees=_promises(case),
        answers=list(IntakeAnswer.objects.filter(case=case)),
    )


def _promises(case: Case) -> list[Standing]:
    """The case's own guarantees (a referral's are internal, as the referrals are)."""
    promised = [g for g in guarantees_for(case.case_type_id) if not g.per_referral]
    return standing(case, promised, [], timezone.now()) if promised else []


def file_for_business(case: Case, pk: int) -> Attachment:
    """One file the case's tracking page offers, or Http404 (another case's, an internal one)."""
    attachment = permissions.files_for_business(case).filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment


def outside_question_for_token(raw: str) -> OutsideQuestion:
    """The question behind an outside party's link (answered, withdrawn or expired ones too:
    the page tells which), or Http404 for a link that never existed."""
    if not raw or len(raw) > MAX_TOKEN_LENGTH:
        raise Http404
    question = (
        OutsideQuestion.objects.select_related("case", "case__case_type", "case__company")
        .filter(token_hash=hash_token(raw))
        .first()
    )
    if question is None:
        raise Http404
    return question


def outside_questions(case: Case) -> list[OutsideQuestion]:
    """A case's questions to outside parties, newest first, with who asked (one query)."""
    return list(OutsideQuestion.objects.filter(case=case).select_related("asked_by"))


def invitation_for_survey_token(raw: str) -> SurveyInvitation:
    if not raw or len(raw) > MAX_TOKEN_LENGTH:
        raise Http404
    invitation = (
        SurveyInvitation.objects.select_related("case", "case__company")
        .filter(token_hash=hash_token(raw))
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


@dataclass
class SatisfactionPage:
    total: NkiRow
    by_department: list[NkiRow]
    by_case_type: list[NkiRow]
    by_period: list[NkiRow]
    # Comparable with SKR Insikt: only its four areas (the total above is every case).
    insikt: NkiRow | None = None


def satisfaction_page(*, user, period: str = "quarter") -> SatisfactionPage:
    """One aggregate query (``NkiGrid``), whatever the number of answers, over the answers
    ``user`` may count (``permissions.satisfaction_responses``)."""
    grid = NkiGrid(permissions.satisfaction_responses(user), period=period)
    return SatisfactionPage(
        total=grid.total(),
        insikt=grid.total(insikt=True),
        by_department=grid.rows(("department",)),
        by_case_type=grid.rows(("department", "case_type")),
        by_period=grid.rows(("department",), period=True),
    )


def survey_comments(user) -> QuerySet[SurveyResponse]:
    """Comments of the cases the user's departments lead or were routed; samordnare see the
    comments of every case they may read (a confidential case only where they take part)."""
    responses = (
        SurveyResponse.objects.exclude(comment="")
        .select_related("case", "case__company", "case__lead_department", "case__case_type")
        .order_by("-answered_at", "-pk")
    )
    return permissions.visible_survey_responses(user, responses)
