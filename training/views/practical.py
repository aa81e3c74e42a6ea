from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from training import permissions, selectors
from training.errors import TrainingError
from training.forms import ActivityForm, ReviewForm
from training.models import ActivityStatus, PracticalActivity
from training.selectors.coordinator import pending_activities
from training.services import practical


@login_required
def my_activities(request, course_id):
    course = selectors.course_for(user=request.user, course_id=course_id)
    if course is None:
        raise Http404
    form = ActivityForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        try:
            practical.log_activity(user=request.user, course=course, **form.cleaned_data)
        except TrainingError as error:
            form.add_error(None, error.message)
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


@login_required
def pending(request):
    permissions.require_coordinator(request.user)
    return render(
        request,
        "training/coordinator/pending.html",
        {"active_section": "training", "activities": pending_activities(), "form": ReviewForm()},
    )


@login_required
def review(request, activity_id):
    permissions.require_coordinator(request.user)
    activity = get_object_or_404(
        PracticalActivity.objects.select_related("user", "requirement", "course"), pk=activity_id
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            practical.review_activity(
                activity=activity,
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except TrainingError as error:
            form.add_error(None, error.message)
        else:
            if form.cleaned_data["decision"] == "approve":
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
            "reviewable": activity.status == ActivityStatus.SUBMITTED,
        },
    )
