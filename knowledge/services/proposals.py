"""An article proposes a course question, through the course's own proposal flow
(``training.services.proposals.propose_question``): the coordinator reviews it there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from knowledge import events, permissions
from knowledge.errors import KnowledgeError, NotPermitted
from knowledge.models import Article
from training.errors import TrainingError
from training.services.proposals import propose_question

from .history import record

if TYPE_CHECKING:
    from accounts.models import User


def propose_course_question(*, article: Article, by: User) -> int:
    """The article's question proposed for the LOTS course; the proposal's id."""
    if not permissions.can_use_knowledge(by):
        raise NotPermitted()
    with transaction.atomic():
        try:
            proposal = propose_question(
                by=by,
                draft_text=f"{article.question}\n\n{article.answer}",
                case_reference=f"Kunskapsbank {article.pk}",
            )
        except TrainingError as error:
            raise KnowledgeError(str(error)) from error
        record(events.course_question_proposed(article=article, by=by, proposal=proposal.pk))
    return proposal.pk
