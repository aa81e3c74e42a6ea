"""All insights across the visits, readable by every official (spreading the insights)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .. import selectors
from ..forms import InsightFilterForm
from .common import require_official

SECTION = {"active_section": "development"}


@login_required
def insight_list(request):
    require_official(request.user)
    form = InsightFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    rows = selectors.insight_list(**filters)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {**SECTION, "form": form, "page": page, "query": query.urlencode()}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "development/insight_list.html", context, status=status)
