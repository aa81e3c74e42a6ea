"""From the daily work to the course: proposals of questions, reviewed by the coordinator."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from training import permissions
from training.errors import TrainingError
from training.models import (
    Course,
    ProposalStatus,
    QuestionEntry,
    QuestionProposal,
    Topic,
    VersionStatus,
)

from .bank import QuestionData, create_question
from .course import add_questions, copy_course
from .history import record


def propose_question(
    *, by, draft_text: str, suggested_topic: Topic | None = None, case_reference: str = ""
) -> QuestionProposal:
    if not permissions.can_propose_question(by):
        raise PermissionDenied
    if not draft_text.strip():
        raise TrainingError(_("Write the question you propose."))
    with transaction.atomic():
        proposal = QuestionProposal.objects.create(
            proposed_by=by,
            draft_text=draft_text.strip(),
            suggested_topic=suggested_topic,
            case_reference=case_reference.strip(),
        )
        record(kind="question_proposed", actor=by, proposal=proposal.pk)
    return proposal


def next_edition(*, year: int, by=None) -> Course:
    """Next year's edition: the existing one, or a copy of this year's."""
    course = Course.objects.filter(year=year + 1).order_by("pk").first()
    if course is not None:
        return course
    source = Course.objects.filter(year=year).order_by("pk").first()
    if source is None:
        raise TrainingError(_("There is no edition to build next year's from."))
    return copy_course(source=source, year=year + 1, by=by)


def accept_proposal(
    *, proposal: QuestionProposal, by, topic: Topic, data: QuestionData
) -> QuestionEntry:
    """Turn a proposal into a draft question in next year's edition."""
    if not permissions.can_coordinate(by):
        raise PermissionDenied
    with transaction.atomic():
        proposal = QuestionProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.NEW:
            raise TrainingError(_("The proposal has already been reviewed."))
        entry = create_question(topic=topic, data=data, by=by, status=VersionStatus.DRAFT)
        course = next_edition(year=timezone.localdate().year, by=by)
        add_questions(course=course, entries=[entry], by=by)
        proposal.status = ProposalStatus.ACCEPTED
        proposal.reviewer = by
        proposal.created_entry = entry
        proposal.save(update_fields=["status", "reviewer", "created_entry"])
        record(kind="proposal_accepted", actor=by, course=course, proposal=proposal.pk)
    return entry


def reject_proposal(*, proposal: QuestionProposal, by, comment: str = "") -> QuestionProposal:
    if not permissions.can_coordinate(by):
        raise PermissionDenied
    with transaction.atomic():
        proposal = QuestionProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.NEW:
            raise TrainingError(_("The proposal has already been reviewed."))
        proposal.status = ProposalStatus.REJECTED
        proposal.reviewer = by
        proposal.review_comment = comment.strip()
        proposal.save(update_fields=["status", "reviewer", "review_comment"])
        record(kind="proposal_rejected", actor=by, proposal=proposal.pk)
    return proposal
