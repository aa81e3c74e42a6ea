"""Every read a knowledge-bank page needs, with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case as When_
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from cases.models import Message
from cases.permissions import visible_cases
from lotsportal.text_search import postgresql_condition, search_words

from .models import Article, ArticleEvent, ArticleVersion, SearchGap
from .permissions import visible_articles
from .workflow import ArticleStatus

if TYPE_CHECKING:
    from accounts.models import User

SUGGEST_MIN_LENGTH = 4
LIST_LIMIT = 50
# Words too common to suggest on ("vill", "kan" ...): a suggestion needs a real word.
STOP_WORDS = frozenset(
    "att och det som för med till vill ska kan har hur vad när var inte eller från eller "
    "about what when with from have does need".split()
)


def search_condition(text: str) -> Q | None:
    """The case search's rules (``lotsportal.text_search``): the Swedish stemmed vector OR
    every word of three letters or more as a substring of ``search_text``."""
    text = (text or "").strip()
    if not text:
        return None
    if connection.vendor == "postgresql":
        return postgresql_condition(text)
    condition = Q()
    for word in search_words(text):
        condition &= Q(search_text__contains=word)
    return condition


def _ranked(queryset: QuerySet[Article], text: str) -> QuerySet[Article]:
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config="swedish", search_type="websearch")
        return queryset.annotate(rank=SearchRank(F("search_vector"), query)).order_by(
            "-rank", "question", "pk"
        )
    return queryset.order_by("question", "pk")


def search(queryset: QuerySet[Article], text: str) -> QuerySet[Article]:
    condition = search_condition(text)
    if condition is None:
        return queryset
    return _ranked(queryset.filter(condition), text)


# --- The officials' pages -------------------------------------------------------------------
@dataclass
class ArticleList:
    rows: list[Article]
    query: str
    status: str
    has_more: bool


def article_list(*, user: User, query: str = "", status: str = "") -> ArticleList:
    queryset = visible_articles(user).select_related("owner_department")
    if status in ArticleStatus.values:
        queryset = queryset.filter(status=status)
    queryset = search(queryset, query)
    rows = list(queryset[: LIST_LIMIT + 1])
    return ArticleList(
        rows=rows[:LIST_LIMIT], query=query, status=status, has_more=len(rows) > LIST_LIMIT
    )


@dataclass
class ArticlePage:
    article: Article
    versions: list[ArticleVersion]
    events: list[ArticleEvent]
    votes_yes: int
    votes_no: int
    is_stale: bool


def get_visible_article(user: User, pk: int) -> Article:
    article = (
        visible_articles(user).select_related("owner_department", "last_reviewed_by").filter(pk=pk)
    ).first()
    if article is None:
        raise Http404
    return article


def article_page(*, user: User, pk: int) -> ArticlePage:
    queryset = (
        visible_articles(user)
        .select_related("owner_department", "last_reviewed_by", "created_by")
        .prefetch_related(
            "departments",
            "case_types",
            Prefetch("versions", queryset=ArticleVersion.objects.select_related("written_by")),
            Prefetch("events", queryset=ArticleEvent.objects.select_related("actor")),
        )
        .annotate(
            votes_yes=Count("votes", filter=Q(votes__helpful=True)),
            votes_no=Count("votes", filter=Q(votes__helpful=False)),
        )
    )
    article = queryset.filter(pk=pk).first()
    if article is None:
        raise Http404
    today = timezone.localdate()
    return ArticlePage(
        article=article,
        versions=list(article.versions.all()),
        events=list(article.events.all()),
        votes_yes=article.votes_yes,
        votes_no=article.votes_no,
        is_stale=article.status == ArticleStatus.PUBLISHED
        and article.review_due_on is not None
        and article.review_due_on <= today,
    )


def article_version(*, user: User, pk: int, number: int) -> ArticleVersion:
    version = (
        ArticleVersion.objects.filter(article__in=visible_articles(user), article_id=pk)
        .select_related("article", "written_by")
        .filter(number=number)
        .first()
    )
    if version is None:
        raise Http404
    return version


def due_for_review(*, user: User) -> list[Article]:
    """Published articles whose review is due, the user's own departments' first."""
    from accounts import permissions as roles

    mine = roles.department_ids(user)
    return list(
        visible_articles(user)
        .filter(status=ArticleStatus.PUBLISHED, review_due_on__lte=timezone.localdate())
        .select_related("owner_department", "last_reviewed_by")
        .annotate(mine=When_(When(owner_department_id__in=mine, then=Value(0)), default=Value(1)))
        .order_by("mine", "review_due_on", "pk")[:200]
    )


def search_gaps(*, limit: int = 100) -> list[SearchGap]:
    return list(SearchGap.objects.order_by("-count", "-last_at")[:limit])


# --- Suggestions and the header search ------------------------------------------------------
def suggestions(*, user: User, text: str, case_type_id: int | None = None, limit: int = 5):
    """The published articles most relevant to a case being opened: ranked by how many of
    the title's words (four letters or more, as substrings: compounds count) they hold, and
    whether they concern the chosen case type."""
    words = [w for w in search_words(text) if len(w) >= SUGGEST_MIN_LENGTH and w not in STOP_WORDS]
    if not words and case_type_id is None:
        return []
    score: Any = Value(0)
    for word in words[:8]:
        score = score + When_(When(_word_found(word), then=Value(1)), default=Value(0))
    type_score: Any = Value(0)
    if case_type_id is not None:
        concerns_type = Article.case_types.through.objects.filter(
            article_id=OuterRef("pk"), casetype_id=case_type_id
        )
        type_score = When_(When(Exists(concerns_type), then=Value(2)), default=Value(0))
    ordered = (
        visible_articles(user)
        .filter(status=ArticleStatus.PUBLISHED)
        .annotate(score=score, type_score=type_score)
        .filter(Q(score__gt=0) | Q(type_score__gt=0))
        .order_by(-(F("score") + F("type_score")), "question", "pk")
    )
    return list(ordered.select_related("owner_department")[:limit])


def _word_found(word: str) -> Q:
    """A word of a title found in an article: as a substring (compounds, prefixes) or by its
    Swedish stem (an inflected "uteserveringen" finds "uteservering")."""
    found = Q(search_text__contains=word)
    if connection.vendor == "postgresql":
        found |= Q(search_vector=SearchQuery(word, config="swedish", search_type="plain"))
    return found


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    snippet: str
    kind: str = "article"


def search_articles(*, user: User, query: str, limit: int = 10) -> list[SearchResult]:
    """For the header search (a provider of results): the articles ``user`` may see."""
    rows = search(visible_articles(user), query)[:limit] if query.strip() else []
    return [
        SearchResult(
            title=a.question,
            url=reverse("knowledge:detail", args=[a.pk]),
            snippet=a.answer[:160],
        )
        for a in rows
    ]


# --- The public page ------------------------------------------------------------------------
def public_articles(*, query: str = "") -> list[Article]:
    queryset = Article.objects.public()
    return list(search(queryset, query)[:100])


def public_article(pk: int) -> Article:
    article = Article.objects.public().filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


def visible_message(*, user: User, pk: int) -> Message:
    """A message on a case ``user`` may see, or 404."""
    message = Message.objects.filter(pk=pk, case__in=visible_cases(user)).first()
    if message is None:
        raise Http404
    return message
