"""What the pages opened by a private link share: the business's tracking page
(``views.track``) and an outside party's answer page (``views_outside.outside_answer``).

Both build their form before the link is looked up (so the 503 page keeps what was typed),
answer an unknown or expired link with the same kind 404 page, and take a reply the same way:
the send limit first (429), then the form (400), then the service (409 with its refusal shown).
``open_link`` does all of it; each page names its look-up, its service and its thanks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render

from cases.errors import CaseError
from lotsportal.public_forms import RATE_LIMITED_MESSAGE, is_rate_limited, keep_on_unavailable_page


def link_not_found(request):
    """Unknown and expired links get the same kind page, status 404 (nothing leaks)."""
    return render(request, "public/link_not_found.html", status=404)


def link_form(request, form_class):
    """The page's form: bound to what was sent (and kept on the 503 page), or blank on a GET."""
    if request.method != "POST":
        return form_class()
    form = form_class(request.POST, request.FILES)
    keep_on_unavailable_page(request, form)
    return form


@dataclass(frozen=True)
class LinkPage:
    """What a private-link page shows: the record behind the link, the form (blank, or as sent
    with its errors), the status to show it with, and whether a reply was just taken (then the
    view redirects, and ``thanks`` is already flashed)."""

    found: Any
    form: Any
    status: int
    taken: bool


def open_link(
    request,
    token: str,
    *,
    form_class,
    look_up: Callable[[str], Any],
    rate_group: str,
    rate: str,
    send: Callable[[Any, dict[str, Any]], object],
    thanks: str,
) -> LinkPage | None:
    """The shared start of a private-link page: the form built first (so the 503 page keeps
    what was sent), the link looked up (None: unknown or expired, show ``link_not_found``),
    and on a POST the reply taken by ``send(found, cleaned_data)``."""
    form = link_form(request, form_class)
    try:
        found = look_up(token)
    except Http404:
        return None
    if request.method != "POST":
        return LinkPage(found=found, form=form, status=200, taken=False)
    status = take_reply(
        request,
        form,
        rate_group=rate_group,
        rate=rate,
        send=lambda data: send(found, data),
        thanks=thanks,
    )
    return LinkPage(found=found, form=form, status=status or 302, taken=status is None)


def take_reply(
    request,
    form,
    *,
    rate_group: str,
    rate: str,
    send: Callable[[dict[str, Any]], object],
    thanks: str,
) -> int | None:
    """Take a reply sent through a private link: ``send`` gets the form's cleaned data and calls
    the service. Returns None when the reply was taken (``thanks`` is flashed; the view
    redirects), else the status to show the page again with the form and its errors."""
    if is_rate_limited(request, group=rate_group, rate=rate):
        form.is_valid()
        form.add_error(None, RATE_LIMITED_MESSAGE)
        return 429
    if not form.is_valid():
        return 400
    try:
        send(form.cleaned_data)
    except CaseError as error:
        form.add_error(None, error.message)
        return 409
    messages.success(request, thanks)
    return None
