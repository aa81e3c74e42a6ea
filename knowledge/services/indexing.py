"""The search texts of an article: the Swedish full-text vector and the trigram text.

The same quality rules as the case search (``cases.selectors.search_condition``): the
stemmed vector finds inflections, the lower-cased ``search_text`` under a trigram index finds
compounds ("servering" in "Uteservering") and prefixes of words.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value

from knowledge.models import Article


def search_text_of(article: Article) -> str:
    parts = [
        article.question,
        article.question_en,
        article.answer,
        article.answer_en,
        article.legal_sources,
    ]
    return " ".join(part for part in parts if part).lower()


def refresh_search_index(article: Article) -> None:
    fields: dict = {"search_text": search_text_of(article)}
    if connection.vendor == "postgresql":
        fields["search_vector"] = (
            SearchVector(Value(article.question), weight="A", config="swedish")
            + SearchVector(Value(article.question_en), weight="A", config="english")
            + SearchVector(Value(article.answer), weight="B", config="swedish")
            + SearchVector(Value(article.answer_en), weight="B", config="english")
            + SearchVector(Value(article.legal_sources), weight="C", config="swedish")
        )
    Article.objects.filter(pk=article.pk).update(**fields)
