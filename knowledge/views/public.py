"""The public questions page (/foretag/fragor/): the published public articles, searchable,
in Swedish and in English where written, each with "Fick du svar på din fråga?"."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from knowledge import selectors
from knowledge.errors import KnowledgeError
from knowledge.forms import VoteForm
from knowledge.models import SearchPlace
from knowledge.services import feedback, gaps
from lotsportal.params import text_param
from lotsportal.public_forms import RATE_LIMITED_MESSAGE, is_rate_limited

VOTE_SESSION_KEY = "knowledge_votes"


def _english() -> bool:
    return (get_language() or "sv").startswith("en")


@require_GET
def faq_list(request: HttpRequest) -> HttpResponse:
    query = text_param(request.GET, "q")
    rows = selectors.public_articles(query=query)
    if query and not rows:
        gaps.count_empty_search(query=query, place=SearchPlace.PUBLIC)
    return render(
        request,
        "knowledge/public/faq_list.html",
        {"rows": rows, "query": query, "english": _english(), "intake_url": _intake_url()},
    )


@require_http_methods(["GET", "POST"])
def faq_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.public_article(pk)
    form = VoteForm(request.POST or None)
    status = 200
    answered = request.session.get(VOTE_SESSION_KEY, {}).get(str(pk))
    if request.method == "POST":
        if is_rate_limited(request, group="faq-vote", rate=settings.PUBLIC_VOTE_RATE):
            form.is_valid()
            form.add_error(None, RATE_LIMITED_MESSAGE)
            status = 429
        elif form.is_valid():
            try:
                result = feedback.record_vote(
                    article=article,
                    helpful=form.cleaned_data["helpful"],
                    once_key=form.cleaned_data["once_key"],
                )
            except KnowledgeError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                votes = request.session.get(VOTE_SESSION_KEY, {})
                votes[str(pk)] = "yes" if result.vote.helpful else "no"
                request.session[VOTE_SESSION_KEY] = votes
                return redirect(reverse("knowledge_public:detail", args=[pk]) + "#svar")
        else:
            status = 400
    return render(
        request,
        "knowledge/public/faq_detail.html",
        {
            "article": article,
            "form": form,
            "answered": answered,
            "english": _english(),
            "intake_url": _intake_url(),
        },
        status=status,
    )


def _intake_url() -> str:
    try:
        return reverse("public:intake")
    except NoReverseMatch:  # the public door is not installed
        return ""
