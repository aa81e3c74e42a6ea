"""The company register: search, the htmx lookup of the open-case form, a company's page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsportal.params import text_param

from .. import hooks, permissions, selectors
from ..forms import ContactForm
from ..models import Company
from ..services.companies import add_contact


def _require_official(user) -> None:
    if not permissions.is_official(user):
        raise Http404


@login_required
def company_list(request):
    _require_official(request.user)
    query = text_param(request.GET, "q")
    page = Paginator(selectors.companies(query), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/company_list.html",
        {
            "active_section": "companies",
            "page": page,
            "query": query,
            "page_query": urlencode({"q": query}) if query else "",
        },
    )


@login_required
def company_lookup(request):
    """The search results of the open-case form (an htmx partial)."""
    _require_official(request.user)
    query = text_param(request.GET, "q")
    found = list(selectors.companies(query)[:20]) if query else []
    return render(request, "cases/includes/company_results.html", {"found": found, "query": query})


@login_required
def company_detail(request, pk: int, contact_form=None, status: int = 200):
    _require_official(request.user)
    return render(
        request,
        "cases/company_detail.html",
        {
            "active_section": "companies",
            "page_data": (page_data := selectors.company_page(request.user, pk, request.GET)),
            "page": page_data.page,
            "query": "",
            "contact_form": contact_form or ContactForm(),
            "parts": hooks.render_company_page_parts(request.user, page_data.company),
        },
        status=status,
    )


@login_required
@require_POST
def contact_add(request, pk: int):
    _require_official(request.user)
    company = get_object_or_404(Company, pk=pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        contact = add_contact(company=company, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s is added as a contact.") % {"name": contact.name})
        return redirect("cases:company_detail", company.pk)
    messages.error(request, _("Please correct the marked fields."))
    return company_detail(request, pk, contact_form=form, status=400)
