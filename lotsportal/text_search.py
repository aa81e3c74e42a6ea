"""The full-text rule the searches share (the case list's, the knowledge bank's), for any model
with a ``search_vector`` (the Swedish stemmed ``tsvector``) and a ``search_text`` (lower-case
text under a pg_trgm GIN index)."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q

TRIGRAM_MIN_LENGTH = 3  # pg_trgm needs three characters to use its index


def search_words(text: str) -> list[str]:
    """The words of a search, lower case, quotes read as spaces ("-word" keeps its minus)."""
    return (text or "").lower().replace('"', " ").split()


def postgresql_condition(text: str) -> Q:
    """Two index lookups combined with OR (a BitmapOr of the two GIN indexes): the stemmed
    vector (inflections: "kaféer" finds "kafé") or every word of three letters or more as a
    substring of ``search_text`` ("servering" finds "Uteservering", which the Swedish stemmer
    does not split off); a "-word" must not be a substring. ``text`` is not empty."""
    condition = Q(search_vector=SearchQuery(text, config="swedish", search_type="websearch"))
    substrings = Q()
    for word in search_words(text):
        negated = word.startswith("-")
        word = word.lstrip("-")
        if len(word) < TRIGRAM_MIN_LENGTH:
            continue
        found = Q(search_text__contains=word)
        substrings &= ~found if negated else found
    if substrings:
        condition |= substrings
    return condition
