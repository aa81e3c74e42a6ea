"""The practical LOTS year: the participant's log, and the coordinator's approvals."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from training import selectors
from training.errors import TrainingError
from training.forms import ActivityForm, ReviewForm
from training.selectors import coordinator_pages as pages
from training.services import practical
from training.workflow import ActivityStatus, activity_move_allowed

from ._http import SignedInRequest, signed_in


@signed_in
def my_activities(request: SignedInRequest, course_id: int) -> HttpResponse:
    course = selectors.enrolled_course(user=request.user, course_id=course_id)
    form = ActivityForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            practical.log_activity(user=request.user, course=course, **form.cleaned_data)
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The activity is logged and waits for the coordinator's approval.")
            )
            return redirect("training:practical", course_id=course.pk)
    overview = selectors.course_overview(user=request.user, course=course)
    return render(
        request,
        "training/practical.html",
        {"active_section": "training", "overview": overview, "form": form},
    )


@signed_in
def pending(request: SignedInRequest) -> HttpResponse:
    activities = pages.pending_page(by=request.user)
    return render(
        request,
        "training/coordinator/pending.html",
        {"active_section": "training", "activities": activities, "form": ReviewForm()},
    )


@signed_in
def review(request: SignedInRequest, activity_id: int) -> HttpResponse:
    activity = pages.activity_for_review(by=request.user, activity_id=activity_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            practical.review_activity(
                activity=activity,
                by=request.user,
                approve=approve,
                comment=form.cleaned_data["comment"],
            )
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            if approve:
                messages.success(request, _("The activity is approved."))
            else:
                messages.success(request, _("The activity is returned with your comment."))
            return redirect("training:pending")
    return render(
        request,
        "training/coordinator/review.html",
        {
            "active_section": "training",
            "activity": activity,
            "form": form,
            "reviewable": activity_move_allowed(activity.status, ActivityStatus.APPROVED),
        },
    )
