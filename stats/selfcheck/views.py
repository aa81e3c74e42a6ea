"""The SS 884000 self-check page (``/statistik/lotsstandard/``), its XLSX, and the form for
recording the yearly management review. Same permission as the statistics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lotsportal.spreadsheets import xlsx_response

from ..models import ManagementReview
from ..permissions import can_view_statistics
from ..services.reviews import record_management_review
from . import Period
from .forms import ManagementReviewForm, SelfCheckPeriodForm
from .report import self_check, self_check_table

RECENT_REVIEWS = 10


def _period_form(request) -> SelfCheckPeriodForm:
    if not can_view_statistics(request.user):
        raise PermissionDenied
    return SelfCheckPeriodForm(request.GET or None)


@login_required
def self_check_page(request):
    form = _period_form(request)
    context: dict = {"form": form, "active_section": "stats"}
    if form.is_bound and not form.is_valid():
        return render(request, "stats/selfcheck.html", context, status=400)
    start, end = form.period()
    period = Period(start=start, end=end, user=request.user, today=form.today)
    context.update(
        {
            "period": period,
            "parts": self_check(period),
            "query": urlencode({"start": str(start), "end": str(end)}),
        }
    )
    return render(request, "stats/selfcheck.html", context)


@login_required
def self_check_xlsx(request):
    form = _period_form(request)
    if form.is_bound and not form.is_valid():
        raise Http404
    start, end = form.period()
    period = Period(start=start, end=end, user=request.user, today=form.today)
    table = self_check_table(self_check(period), base_url=request.build_absolute_uri("/")[:-1])
    filename = f"lotsstandard-{start.isoformat()}-{end.isoformat()}.xlsx"
    return xlsx_response([table], filename=filename)


@login_required
@require_http_methods(["GET", "POST"])
def management_review(request):
    if not can_view_statistics(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = ManagementReviewForm(request.POST)
        if form.is_valid():
            review = record_management_review(by=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("The management review of %(year)s is recorded.") % {"year": review.year},
            )
            query = urlencode({"year": review.year})
            return redirect(f"{reverse('stats:selfcheck')}?{query}")
        status = 400
    else:
        year = request.GET.get("year", "")
        form = ManagementReviewForm(year=int(year) if year.isascii() and year.isdigit() else None)
        status = 200
    reviews = ManagementReview.objects.select_related("recorded_by")[:RECENT_REVIEWS]
    context = {"form": form, "reviews": reviews, "active_section": "stats"}
    return render(request, "stats/selfcheck_review.html", context, status=status)
