from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from training import permissions
from training.errors import TrainingError
from training.forms import AcceptProposalForm, ProposalForm
from training.models import ProposalStatus, QuestionProposal
from training.services import proposals


@login_required
def propose(request):
    if not permissions.can_propose_question(request.user):
        raise PermissionDenied
    initial = {"case_reference": request.GET.get("arende", "")[:50]}
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposals.propose_question(by=request.user, **form.cleaned_data)
        except TrainingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you! The coordinator will look at your proposal."))
            return redirect("training:home")
    mine = QuestionProposal.objects.filter(proposed_by=request.user).order_by("-created_at")[:20]
    return render(
        request,
        "training/propose.html",
        {"active_section": "training", "form": form, "mine": mine},
    )


@login_required
def review_list(request):
    permissions.require_coordinator(request.user)
    items = QuestionProposal.objects.select_related("proposed_by", "suggested_topic").order_by(
        "status", "-created_at"
    )
    return render(
        request,
        "training/coordinator/proposals.html",
        {"active_section": "training", "proposals": items, "new": ProposalStatus.NEW},
    )


@login_required
def review(request, proposal_id):
    permissions.require_coordinator(request.user)
    proposal = get_object_or_404(
        QuestionProposal.objects.select_related("proposed_by", "suggested_topic"), pk=proposal_id
    )
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
            form.add_error(None, error.message)
    return render(
        request,
        "training/coordinator/proposal_review.html",
        {"active_section": "training", "proposal": proposal, "form": form},
    )
