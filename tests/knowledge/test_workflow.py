"""Every pair of article states: allowed exactly as the table says, through the service."""

import itertools

import pytest

from knowledge.errors import TransitionNotAllowed
from knowledge.models import Article
from knowledge.services.articles import _move
from knowledge.workflow import ARTICLE_MOVES, ArticleStatus, article_move_allowed

pytestmark = pytest.mark.django_db

PAIRS = list(itertools.product(ArticleStatus.values, ArticleStatus.values))
ALLOWED = {
    ("draft", "published"),
    ("draft", "archived"),
    ("published", "archived"),
    ("archived", "draft"),
}


def test_the_table_is_the_one_documented():
    assert {(a, b) for a, targets in ARTICLE_MOVES.items() for b in targets} == ALLOWED


@pytest.mark.parametrize(("current", "to"), PAIRS)
def test_every_move_is_allowed_or_refused_by_the_service(current, to, write, builder):
    article = write()
    Article.objects.filter(pk=article.pk).update(status=current)
    if (current, to) in ALLOWED:
        assert article_move_allowed(current, to)
        assert _move(article, by=builder, to=to).status == to
    else:
        with pytest.raises(TransitionNotAllowed):
            _move(article, by=builder, to=to)
        article.refresh_from_db()
        assert article.status == current
