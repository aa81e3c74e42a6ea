"""Questions to outside parties: the staff page of a case's questions, and the party's page
opened by its private link (no account). Thin views over ``public.services.outside``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from cases import selectors as case_selectors
from cases.errors import CaseError

from . import permissions, selectors
from .forms import OutsideAnswerForm, OutsideQuestionForm
from .link_pages import link_not_found, open_link
from .models import OutsideQuestion
from .services.outside import (
    CLOSED_MESSAGES,
    answer_outside_question,
    ask_outside_party,
    withdraw_outside_question,
)
from .tokens import OutsideLinkState, outside_link_state


def _visible_case_for_asking(request, pk: int):
    case = case_selectors.get_visible_case(request.user, pk)
    if not permissions.can_ask_outside_party(request.user, case):
        raise Http404
    return case


def _questions_page(request, case, form, status=200):
    return render(
        request,
        "public/outside_questions.html",
        {
            "case": case,
            "form": form,
            "questions": [
                (question, outside_link_state(question))
                for question in selectors.outside_questions(case)
            ],
            "active_section": "cases",
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def outside_questions(request, pk: int):
    """A case's questions to outside parties, and the form that sends one."""
    case = _visible_case_for_asking(request, pk)
    if request.method != "POST":
        return _questions_page(request, case, OutsideQuestionForm())
    form = OutsideQuestionForm(request.POST)
    if form.is_valid():
        try:
            ask_outside_party(case=case, by=request.user, **form.cleaned_data)
        except CaseError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The question is sent to %(party)s.") % {"party": form.cleaned_data["party"]},
            )
            return redirect("public:outside_questions", case.pk)
    return _questions_page(request, case, form, status=400)


@login_required
@require_POST
def withdraw_outside(request, pk: int, question_pk: int):
    case = _visible_case_for_asking(request, pk)
    question = get_object_or_404(OutsideQuestion, pk=question_pk, case=case)
    try:
        withdraw_outside_question(question=question, by=request.user)
    except CaseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The link is withdrawn: it no longer takes an answer."))
    return redirect("public:outside_questions", case.pk)


@never_cache
@require_http_methods(["GET", "POST"])
def outside_answer(request, token: str):
    """The outside party's page: the question, and the form while the link takes an answer;
    else a kind word saying it was answered, withdrawn or has expired."""
    link = open_link(
        request,
        token,
        form_class=OutsideAnswerForm,
        look_up=selectors.outside_question_for_token,
        rate_group="outside",
        rate=settings.PUBLIC_OUTSIDE_ANSWER_RATE,
        send=lambda question, data: answer_outside_question(
            question=question,
            answer=data["answer"],
            uploaded_file=data["file"],
            once_key=data["once_key"],
        ),
        thanks=_("Thank you. Your answer has been added to the case."),
    )
    if link is None:
        return link_not_found(request)
    if link.taken:
        return redirect("public:outside_answer", token)
    question, form, status = link.found, link.form, link.status
    if request.method == "POST":
        question.refresh_from_db()
    state = outside_link_state(question)
    context = {
        "question": question,
        "case": question.case,
        "form": form,
        "state": state,
        "closed_message": CLOSED_MESSAGES.get(state, ""),
        "open": state == OutsideLinkState.OPEN,
    }
    return render(request, "public/outside_answer.html", context, status=status)
