"""The public's answer to "Fick du svar på din fråga?" (yes/no) on a public article."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge.errors import KnowledgeError
from knowledge.models import Article, ArticleVote


@dataclass(frozen=True)
class VoteResult:
    vote: ArticleVote
    replayed: bool


def record_vote(*, article: Article, helpful: bool, once_key: str) -> VoteResult:
    """One vote per rendered form (its one-time key, rule 21): the same form sent again
    shows the first answer and stores nothing."""
    if not once_key:
        raise KnowledgeError(_("The form could not be sent. Reload the page and try again."))
    if not (article.status == "published" and article.is_public):
        raise KnowledgeError(_("The question is no longer published."))
    existing = ArticleVote.objects.filter(once_key=once_key).first()
    if existing is not None:
        return VoteResult(vote=existing, replayed=True)
    try:
        with transaction.atomic():
            vote = ArticleVote.objects.create(
                article=article, helpful=helpful, once_key=once_key, created_at=timezone.now()
            )
    except IntegrityError:
        # Two sends of one form at the same moment: the other one stored it.
        return VoteResult(vote=ArticleVote.objects.get(once_key=once_key), replayed=True)
    return VoteResult(vote=vote, replayed=False)
