"""The knowledge bank (Lotsbanken): articles answering the questions businesses ask, their
versions, their history, the public's "did this answer your question?" votes and the searches
that found nothing (the gaps)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .workflow import ArticleStatus, Audience

DEFAULT_REVIEW_MONTHS = 12


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ArticleStatus.PUBLISHED)

    def public(self):
        return self.published().filter(audience=Audience.PUBLIC)

    def due_for_review(self, today):
        return self.published().filter(review_due_on__lte=today)


class Article(models.Model):
    """A question as a business asks it, and the municipality's answer (the current version;
    every version, this one included, is kept in ``ArticleVersion``)."""

    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))
    question_en = models.CharField(_("question in English"), max_length=300, blank=True)
    answer_en = models.TextField(_("answer in English"), blank=True)
    # One source a line: "Plan- och bygglagen 9 kap. 2 § | https://..." (title, optional link).
    legal_sources = models.TextField(_("legal sources"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.INTERNAL
    )
    owner_department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="owned_articles",
        verbose_name=_("owner department"),
    )
    departments = models.ManyToManyField(
        "accounts.Department",
        blank=True,
        related_name="knowledge_articles",
        verbose_name=_("departments concerned"),
    )
    case_types = models.ManyToManyField(
        "cases.CaseType",
        blank=True,
        related_name="knowledge_articles",
        verbose_name=_("case types"),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"), default=DEFAULT_REVIEW_MONTHS
    )
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    # last_reviewed_on + review_interval_months (kept by the services; indexed for the list).
    review_due_on = models.DateField(_("review due"), null=True, blank=True, db_index=True)
    # The review due date the owner was last told about: the beat task tells once per date.
    stale_notice_for = models.DateField(_("stale notice sent for"), null=True, blank=True)
    version_number = models.PositiveIntegerField(_("version"), default=1)
    # Where the draft came from (e.g. "message" or "referral" and the case number), or "import".
    origin = models.CharField(_("origin"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # Lower-cased question, answer and sources: the trigram index finds compounds and prefixes.
    search_text = models.TextField(default="", blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["question", "pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="knowledge_article_search_gin"),
            GinIndex(
                fields=["search_text"],
                opclasses=["gin_trgm_ops"],
                name="knowledge_article_search_trgm",
            ),
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC

    def sources(self) -> list[dict[str, str]]:
        """The legal sources as ``{"title", "url"}`` (one a line, "title | url")."""
        rows = []
        for line in self.legal_sources.splitlines():
            title, _sep, url = line.partition("|")
            if title.strip():
                rows.append({"title": title.strip(), "url": url.strip()})
        return rows


class ArticleVersion(models.Model):
    """One version of an article's text, never edited: an edit adds the next one."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="versions", verbose_name=_("article")
    )
    number = models.PositiveIntegerField(_("version"))
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))
    question_en = models.CharField(_("question in English"), max_length=300, blank=True)
    answer_en = models.TextField(_("answer in English"), blank=True)
    legal_sources = models.TextField(_("legal sources"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written"))

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="knowledge_version_article_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"


class ArticleEventKind(models.TextChoices):
    WRITTEN = "written", _("Written")
    EDITED = "edited", _("Edited (new version)")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")
    REOPENED = "reopened", _("Reopened as a draft")
    REVIEWED = "reviewed", _("Reviewed")
    STALE_NOTICE = "stale_notice", _("Owner told the review is due")
    IMPORTED = "imported", _("Imported")
    COURSE_QUESTION_PROPOSED = "course_question", _("Proposed as a course question")


class ArticleEvent(models.Model):
    """The article's history, appended and never edited (CONVENTIONS rule 2)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="events", verbose_name=_("article")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ArticleEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"))
    payload = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("article event")
        verbose_name_plural = _("article events")
        ordering = ["article", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.article_id} {self.kind}"


class ArticleVote(models.Model):
    """A business's answer to "Fick du svar på din fråga?" on a public article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="votes", verbose_name=_("article")
    )
    helpful = models.BooleanField(_("got an answer"))
    # The form's one-time key (rule 21): a second send of the same form stores nothing.
    once_key = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"{self.article_id} {'yes' if self.helpful else 'no'}"


class SearchPlace(models.TextChoices):
    INTERNAL = "internal", _("Officials' knowledge bank")
    PUBLIC = "public", _("Public questions page")


class SearchGap(models.Model):
    """A search that found nothing, counted per normalised text and place."""

    query = models.CharField(_("search"), max_length=200)
    place = models.CharField(_("where"), max_length=20, choices=SearchPlace.choices)
    count = models.PositiveIntegerField(_("times"), default=0)
    first_at = models.DateTimeField(_("first"))
    last_at = models.DateTimeField(_("last"))

    class Meta:
        verbose_name = _("search that found nothing")
        verbose_name_plural = _("searches that found nothing")
        ordering = ["-count", "-last_at"]
        constraints = [
            models.UniqueConstraint(fields=["query", "place"], name="knowledge_gap_query_unique")
        ]

    def __str__(self) -> str:
        return self.query
