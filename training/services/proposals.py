"""From the daily work to the course: proposals of questions, reviewed by the coordinator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from training import events, permissions
from training.errors import TrainingError, TransitionNotAllowed
from training.models import (
    Course,
    ProposalStatus,
    QuestionEntry,
    QuestionProposal,
    Topic,
    TrainingEventKind,
    VersionStatus,
)
from training.workflow import proposal_move_allowed

from .bank import QuestionData, create_question
from .course import add_questions, copy_course
from .history import record

if TYPE_CHECKING:
    from accounts.models import User


def propose_question(
    *, by: User, draft_text: str, suggested_topic: Topic | None = None, case_reference: str = ""
) -> QuestionProposal:
    permissions.require_can_propose(by)
    if not draft_text.strip():
        raise TrainingError(_("Write the question you propose."))
    with transaction.atomic():
        proposal = QuestionProposal.objects.create(
            proposed_by=by,
            draft_text=draft_text.strip(),
            suggested_topic=suggested_topic,
            case_reference=case_reference.strip(),
        )
        record(
            events.proposal_event(
                kind=TrainingEventKind.QUESTION_PROPOSED, proposal=proposal.pk, by=by
            )
        )
    return proposal


def next_edition(*, year: int, by: User | None = None) -> Course:
    """Next year's edition: the existing one, or a copy of this year's."""
    course = Course.objects.filter(year=year + 1).order_by("pk").first()
    if course is not None:
        return course
    source = Course.objects.filter(year=year).order_by("pk").first()
    if source is None:
        raise TrainingError(_("There is no edition to build next year's from."))
    return copy_course(source=source, year=year + 1, by=by)


def accept_proposal(
    *, proposal: QuestionProposal, by: User, topic: Topic, data: QuestionData
) -> QuestionEntry:
    """Turn a proposal into a draft question in next year's edition."""
    permissions.require_coordinator(by)
    with transaction.atomic():
        proposal = _lock_for_move(proposal, to=ProposalStatus.ACCEPTED)
        entry = create_question(topic=topic, data=data, by=by, status=VersionStatus.DRAFT)
        course = next_edition(year=timezone.localdate().year, by=by)
        add_questions(course=course, entries=[entry], by=by)
        proposal.status = ProposalStatus.ACCEPTED
        proposal.reviewer = by
        proposal.created_entry = entry
        proposal.save(update_fields=["status", "reviewer", "created_entry"])
        record(
            events.proposal_event(
                kind=TrainingEventKind.PROPOSAL_ACCEPTED, proposal=proposal.pk, by=by, course=course
            )
        )
    return entry


def reject_proposal(*, proposal: QuestionProposal, by: User, comment: str = "") -> QuestionProposal:
    permissions.require_coordinator(by)
    with transaction.atomic():
        proposal = _lock_for_move(proposal, to=ProposalStatus.REJECTED)
        proposal.status = ProposalStatus.REJECTED
        proposal.reviewer = by
        proposal.review_comment = comment.strip()
        proposal.save(update_fields=["status", "reviewer", "review_comment"])
        record(
            events.proposal_event(
                kind=TrainingEventKind.PROPOSAL_REJECTED, proposal=proposal.pk, by=by
            )
        )
    return proposal


def _lock_for_move(proposal: QuestionProposal, *, to: str) -> QuestionProposal:
    """The proposal locked, once the moves table allows ``to`` from where it is now."""
    locked = QuestionProposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal_move_allowed(locked.status, to):
        raise TransitionNotAllowed(_("The proposal has already been reviewed."))
    return locked
