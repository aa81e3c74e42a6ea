"""The statistics of business development, a printable page for the Tillväxt- och
näringslivsråd."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from lotsportal.params import int_param

from .. import permissions, selectors


@login_required
def statistics(request):
    if not permissions.can_view_statistics(request.user):
        raise Http404
    year = int_param(request.GET, "year", minimum=2000, maximum=2100) or timezone.localdate().year
    context = {
        "active_section": "development",
        "stats": selectors.statistics(year),
        "months": range(1, 13),
    }
    return render(request, "development/statistics.html", context)
