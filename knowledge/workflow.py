"""The states of a knowledge-bank article and the table of allowed moves, as plain data.

Services consult the table after locking the row; a move not listed is refused with
``TransitionNotAllowed``. An edit is not a move: it makes a new version in any state but
archived (an archived article is reopened as a draft first).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Audience(models.TextChoices):
    INTERNAL = "internal", _("Internal (officials)")
    PUBLIC = "public", _("Public (also businesses)")


ARTICLE_MOVES: dict[str, set[str]] = {
    ArticleStatus.DRAFT: {ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED},
    ArticleStatus.PUBLISHED: {ArticleStatus.ARCHIVED},
    # Reopening: an archived article becomes a draft again, to be reviewed and published.
    ArticleStatus.ARCHIVED: {ArticleStatus.DRAFT},
}

EDITABLE_STATUSES = frozenset({ArticleStatus.DRAFT, ArticleStatus.PUBLISHED})


def article_move_allowed(current: str, to: str) -> bool:
    return to in ARTICLE_MOVES.get(current, set())
