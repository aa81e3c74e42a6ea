"""The knowledge bank in the daily work: an answer on a case saved as a draft, suggestions
while a case is opened, an article proposed as a course question, export and import."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases import selectors as case_selectors
from knowledge import permissions, selectors
from knowledge.errors import KnowledgeError
from knowledge.forms import ImportForm
from knowledge.services import from_cases, interchange, proposals
from lotsportal.params import text_param

from ._http import SignedInRequest, officials_only

MAX_IMPORT_BYTES = 5 * 1024 * 1024


@officials_only
@require_POST
def from_message(request: SignedInRequest, pk: int) -> HttpResponse:
    message = selectors.visible_message(user=request.user, pk=pk)
    return _saved(
        request,
        lambda: from_cases.draft_from_message(message=message, by=request.user),
        message.case_id,
    )


@officials_only
@require_POST
def from_referral(request: SignedInRequest, pk: int) -> HttpResponse:
    referral = case_selectors.get_visible_referral(request.user, pk)
    return _saved(
        request,
        lambda: from_cases.draft_from_referral(referral=referral, by=request.user),
        referral.case_id,
    )


def _saved(request: SignedInRequest, make, case_id: int) -> HttpResponse:
    try:
        article = make()
    except KnowledgeError as error:
        messages.error(request, str(error))
        return redirect("cases:detail", case_id)
    messages.success(
        request,
        _("A draft article is saved without the company's data. Read it through and publish it."),
    )
    return redirect("knowledge:edit", article.pk)


@officials_only
@require_GET
def suggest(request: SignedInRequest) -> HttpResponse:
    """The articles for a title being typed (htmx partial) or for a case (``?arende=``)."""
    text = text_param(request.GET, "title")
    case_type = request.GET.get("case_type", "")
    case_type_id = int(case_type) if case_type.isascii() and case_type.isdigit() else None
    if (arende := request.GET.get("arende", "")).isascii() and arende.isdigit():
        case = case_selectors.get_visible_case(request.user, int(request.GET["arende"]))
        text, case_type_id = case.title, case.case_type_id
    rows = selectors.suggestions(user=request.user, text=text, case_type_id=case_type_id)
    template = (
        "knowledge/includes/suggestion_list.html"
        if request.headers.get("HX-Request")
        else "knowledge/suggestions.html"
    )
    return render(request, template, {"rows": rows, "title": text, "active_section": "knowledge"})


@officials_only
@require_POST
def propose(request: SignedInRequest, pk: int) -> HttpResponse:
    article = selectors.get_visible_article(request.user, pk)
    try:
        proposals.propose_course_question(article=article, by=request.user)
    except KnowledgeError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Thank you! The course coordinator will look at your proposal.")
        )
    return redirect("knowledge:detail", pk)


@officials_only
@require_GET
def export(request: SignedInRequest) -> HttpResponse:
    if not permissions.can_exchange_articles(request.user):
        raise PermissionDenied
    document = interchange.export_articles(permissions.visible_articles(request.user))
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json"
    )
    name = f"kunskapsbank-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@officials_only
def import_view(request: SignedInRequest) -> HttpResponse:
    if not permissions.can_exchange_articles(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_IMPORT_BYTES:
                raise KnowledgeError(_("The file is too large."))
            try:
                document = json.loads(upload.read().decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise KnowledgeError(_("The file is not JSON.")) from None
            created = interchange.import_articles(
                document=document,
                by=request.user,
                fallback_department=form.cleaned_data["fallback_department"],
            )
        except KnowledgeError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("%(n)s articles imported as drafts.") % {"n": len(created)})
            return redirect("knowledge:list")
    return render(request, "knowledge/import.html", {"active_section": "knowledge", "form": form})
