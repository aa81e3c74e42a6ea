"""The header search: one box on every staff page, answered by whichever apps register.

``lotsportal`` knows no app's models (it imports only ``accounts``): each app registers a
``SearchProvider`` from its ``AppConfig.ready()`` (``cases`` finds cases by number, company
name or org.nr; a knowledge bank can add its articles the same way). A provider answers
with at most ``limit`` hits in one query, and may name the one page an exact match goes
straight to (a case number typed in full opens that case).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise

MAX_QUERY_LENGTH = 200
HITS_PER_PROVIDER = 10


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class ProviderAnswer:
    hits: list[SearchHit] = field(default_factory=list)
    # The address an exact match goes straight to (a full case number), or "".
    exact_url: str = ""
    # The provider's own page listing every match (the case list's search), or "".
    more_url: str = ""


@dataclass(frozen=True)
class SearchProvider:
    key: str
    label: str | Promise
    # (user, text, limit) -> what this provider found; only called when ``visible(user)``.
    find: Callable[[object, str, int], ProviderAnswer]
    visible: Callable[[object], bool] = lambda user: True
    order: int = 100


@dataclass(frozen=True)
class ResultGroup:
    key: str
    label: str | Promise
    answer: ProviderAnswer


@dataclass(frozen=True)
class SearchResults:
    text: str
    groups: list[ResultGroup]

    @property
    def exact_url(self) -> str:
        """The one page to go straight to: when exactly one provider names one."""
        urls = [group.answer.exact_url for group in self.groups if group.answer.exact_url]
        return urls[0] if len(urls) == 1 else ""

    @property
    def found_anything(self) -> bool:
        return any(group.answer.hits for group in self.groups)


_providers: dict[str, SearchProvider] = {}


def register_search_provider(provider: SearchProvider) -> None:
    """Add (or replace, by key: ``ready()`` may run twice) a provider."""
    _providers[provider.key] = provider


def search_providers() -> list[SearchProvider]:
    return sorted(_providers.values(), key=lambda provider: (provider.order, provider.key))


def clean_query(text: str | None) -> str:
    return " ".join((text or "").replace("\x00", "").split())[:MAX_QUERY_LENGTH]


def search_everywhere(user, text: str, *, limit: int = HITS_PER_PROVIDER) -> SearchResults:
    """Every registered provider's answer for ``user``, in the providers' order."""
    text = clean_query(text)
    groups = []
    if text:
        for provider in search_providers():
            if provider.visible(user):
                groups.append(
                    ResultGroup(provider.key, provider.label, provider.find(user, text, limit))
                )
    return SearchResults(text=text, groups=groups)
