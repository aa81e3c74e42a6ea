"""What the knowledge bank adds to the cases pages, through ``cases.hooks`` (registered in
``KnowledgeConfig.ready``):

- beside each message to the business and each referral's answer, "save this answer to the
  knowledge bank" (a small form posting to ``knowledge:from_message`` / ``from_referral``);
- on the open-case form, under the title, the articles that match it (htmx, as it is typed;
  without JavaScript it shows a link to search the bank, and the form works as before);
- under the case's notes, the articles for its title and case type, loaded by htmx after the
  page (so the case page's query count stays pinned); without JavaScript, a link;
- in the header search on every staff page (``lotsportal.search``), the articles the user may
  read, after the cases.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_official
from cases import hooks
from cases.models import Case
from lotsportal.search import ProviderAnswer, SearchHit, SearchProvider, register_search_provider

from .selectors import search_articles


def suggestion_part(case: Case) -> dict[str, object]:
    return {"case_pk": case.pk}


def find_articles(user, text: str, limit: int) -> ProviderAnswer:
    """The header search's articles: what the bank's own search finds for ``user``."""
    return ProviderAnswer(
        hits=[
            SearchHit(title=hit.title, url=hit.url, detail=hit.snippet)
            for hit in search_articles(user=user, query=text, limit=limit)
        ],
        more_url=reverse("knowledge:list") + "?" + urlencode({"q": text}),
    )


ARTICLE_SEARCH = SearchProvider(
    key="knowledge",
    label=_("Knowledge bank"),
    find=find_articles,
    visible=is_official,
    order=200,
)


def register() -> None:
    register_search_provider(ARTICLE_SEARCH)
    hooks.register_fragment("message_actions", "knowledge/includes/save_message.html")
    hooks.register_fragment("referral_actions", "knowledge/includes/save_referral.html")
    hooks.register_fragment("case_form", "knowledge/includes/case_form_suggestions.html")
    hooks.register_case_page_part(
        hooks.CasePagePart(
            slot="notes",
            template="knowledge/includes/case_suggestions.html",
            context=suggestion_part,
        )
    )
