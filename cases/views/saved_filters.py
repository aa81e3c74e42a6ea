"""Saved filters of the case list ("Mina filter"): save, rename and share, delete, open."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, selectors
from ..errors import CaseError
from ..saved_filter_forms import SavedFilterForm
from ..services.saved_filters import change_filter, delete_filter, save_filter


def _list_url(query: str) -> str:
    return reverse("cases:list") + (f"?{query}" if query else "")


def _render_form(request, form, *, saved=None, status=200):
    query = (form["query"].value() or "") if saved is None else saved.query
    return render(
        request,
        "cases/saved_filter_form.html",
        {
            "active_section": "cases",
            "form": form,
            "saved": saved,
            "back_url": _list_url(selectors.clean_filter_query(request.user, query).query),
        },
        status=status,
    )


@login_required
def saved_filter_create(request):
    """GET: the form to name the list's current filter (``?query=``); POST: save it."""
    if not permissions.can_save_filter(request.user):
        messages.error(request, _("Only officials can save filters."))
        return redirect("cases:list")
    if request.method != "POST":
        form = SavedFilterForm(initial={"query": request.GET.get("query", "")}, user=request.user)
        return _render_form(request, form)
    form = SavedFilterForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            saved = save_filter(
                by=request.user,
                name=data["name"],
                query=data["query"],
                shared_with=data["shared_with"],
            )
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The filter “%(name)s” is saved.") % {"name": saved.name})
            return HttpResponseRedirect(_list_url(saved.query))
    return _render_form(request, form, status=400)


@login_required
def saved_filter_edit(request, pk: int):
    """Rename a filter of one's own, or change whom it is shared with."""
    saved = selectors.get_own_saved_filter(request.user, pk)
    if request.method != "POST":
        form = SavedFilterForm(
            initial={"name": saved.name, "shared_with": saved.shared_with_id},
            user=request.user,
        )
        return _render_form(request, form, saved=saved)
    form = SavedFilterForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            change_filter(
                saved=saved,
                by=request.user,
                name=form.cleaned_data["name"],
                shared_with=form.cleaned_data["shared_with"],
            )
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The filter “%(name)s” is saved.") % {"name": saved.name})
            return redirect("cases:list")
    return _render_form(request, form, saved=saved, status=400)


@login_required
@require_POST
def saved_filter_delete(request, pk: int):
    saved = selectors.get_own_saved_filter(request.user, pk)
    name = saved.name
    delete_filter(saved=saved, by=request.user)
    messages.success(request, _("The filter “%(name)s” is deleted.") % {"name": name})
    return redirect("cases:list")


@login_required
def saved_filter_open(request, pk: int):
    """The case list with a saved filter; a part no longer offered (a department deleted since
    it was saved) is left out, and the list says which."""
    saved = selectors.get_usable_saved_filter(request.user, pk)
    cleaned = selectors.clean_filter_query(request.user, saved.query)
    if cleaned.gone:
        messages.warning(
            request,
            _("Part of the filter “%(name)s” no longer exists and is left out: %(fields)s.")
            % {"name": saved.name, "fields": ", ".join(cleaned.gone)},
        )
    return HttpResponseRedirect(_list_url(cleaned.query))
