"""The officials' knowledge bank (/kunskapsbank/): search, read, write, review, publish."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from knowledge import permissions, selectors
from knowledge.errors import KnowledgeError
from knowledge.forms import ArticleForm
from knowledge.models import SearchPlace
from knowledge.services import articles, gaps
from lotsportal.params import text_param

from ._http import SignedInRequest, officials_only

ACTIONS = {
    "publicera": (articles.publish_article, gettext_lazy("The article is published.")),
    "arkivera": (articles.archive_article, gettext_lazy("The article is archived.")),
    "ateroppna": (articles.reopen_article, gettext_lazy("The article is a draft again.")),
    "granskad": (articles.mark_reviewed, gettext_lazy("The review is recorded.")),
}


@officials_only
@require_GET
def article_list(request: SignedInRequest) -> HttpResponse:
    query = text_param(request.GET, "q")
    listing = selectors.article_list(
        user=request.user, query=query, status=request.GET.get("status", "")
    )
    if query and not listing.rows:
        gaps.count_empty_search(query=query, place=SearchPlace.INTERNAL)
    return render(
        request,
        "knowledge/article_list.html",
        {
            "active_section": "knowledge",
            "listing": listing,
            "may_gaps": permissions.can_view_gaps(request.user),
        },
    )


@officials_only
@require_GET
def article_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    page = selectors.article_page(user=request.user, pk=pk)
    return render(
        request,
        "knowledge/article_detail.html",
        {
            "active_section": "knowledge",
            "page": page,
            "article": page.article,
            "may_manage": permissions.can_manage_article(request.user, page.article),
        },
    )


@officials_only
@require_GET
def version_detail(request: SignedInRequest, pk: int, number: int) -> HttpResponse:
    version = selectors.article_version(user=request.user, pk=pk, number=number)
    return render(
        request,
        "knowledge/version_detail.html",
        {"active_section": "knowledge", "version": version},
    )


@officials_only
def article_create(request: SignedInRequest) -> HttpResponse:
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = articles.write_article(by=request.user, data=form.article_data())
        except KnowledgeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("knowledge:detail", article.pk)
    return render(
        request, "knowledge/article_form.html", {"active_section": "knowledge", "form": form}
    )


@officials_only
def article_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    article = selectors.get_visible_article(request.user, pk)
    if not permissions.can_manage_article(request.user, article):
        raise PermissionDenied
    initial = {
        "departments": list(article.departments.all()),
        "case_types": list(article.case_types.all()),
    }
    form = ArticleForm(request.POST or None, instance=article, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            articles.edit_article(article=article, by=request.user, data=form.article_data())
        except KnowledgeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("A new version is saved."))
            return redirect("knowledge:detail", article.pk)
    return render(
        request,
        "knowledge/article_form.html",
        {"active_section": "knowledge", "form": form, "article": article},
    )


@officials_only
@require_POST
def article_action(request: SignedInRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    article = selectors.get_visible_article(request.user, pk)
    if not permissions.can_manage_article(request.user, article):
        raise PermissionDenied
    service, done = ACTIONS[action]
    try:
        service(article=article, by=request.user)
    except KnowledgeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("knowledge:detail", pk)


@officials_only
@require_GET
def due_list(request: SignedInRequest) -> HttpResponse:
    rows = selectors.due_for_review(user=request.user)
    return render(request, "knowledge/due_list.html", {"active_section": "knowledge", "rows": rows})


@officials_only
@require_GET
def gap_list(request: SignedInRequest) -> HttpResponse:
    if not permissions.can_view_gaps(request.user):
        raise PermissionDenied
    return render(
        request,
        "knowledge/gaps.html",
        {"active_section": "knowledge", "rows": selectors.search_gaps()},
    )
