"""From the daily work to the course: officials propose questions, the coordinator reviews."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from training import permissions, selectors
from training.errors import TrainingError
from training.forms import AcceptProposalForm, ProposalForm
from training.selectors import coordinator_pages as pages
from training.services import proposals
from training.workflow import ProposalStatus

from ._http import SignedInRequest, signed_in


@signed_in
def propose(request: SignedInRequest) -> HttpResponse:
    permissions.require_can_propose(request.user)
    initial = {"case_reference": request.GET.get("arende", "")[:50]}
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposals.propose_question(by=request.user, **form.cleaned_data)
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you! The coordinator will look at your proposal."))
            return redirect("training:home")
    return render(
        request,
        "training/propose.html",
        {
            "active_section": "training",
            "form": form,
            "mine": selectors.own_proposals(user=request.user),
        },
    )


@signed_in
def review_list(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "training/coordinator/proposals.html",
        {
            "active_section": "training",
            "proposals": pages.proposals_page(by=request.user),
            "new": ProposalStatus.NEW,
        },
    )


@signed_in
def review(request: SignedInRequest, proposal_id: int) -> HttpResponse:
    proposal = pages.proposal_for_review(by=request.user, proposal_id=proposal_id)
    initial = {"text": proposal.draft_text, "topic": proposal.suggested_topic, "type": "single"}
    form = AcceptProposalForm(request.POST if "accept" in request.POST else None, initial=initial)
    if request.method == "POST":
        try:
            if "reject" in request.POST:
                proposals.reject_proposal(
                    proposal=proposal, by=request.user, comment=request.POST.get("comment", "")
                )
                messages.success(request, _("The proposal is closed."))
                return redirect("training:proposals")
            if form.is_valid():
                proposals.accept_proposal(
                    proposal=proposal,
                    by=request.user,
                    topic=form.cleaned_data["topic"],
                    data=form.question_data(),
                )
                messages.success(
                    request,
                    _("A draft question is added to next year's edition. Make it ready in admin."),
                )
                return redirect("training:proposals")
        except TrainingError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "training/coordinator/proposal_review.html",
        {"active_section": "training", "proposal": proposal, "form": form},
    )
