"""What every training view shares: the signed-in request's type, and how a refusal looks.

Selectors and services raise the app's domain errors; ``shows_refusals`` turns ``NotPermitted``
into the friendly 403 page with its (translated) message, and ``NotFound`` into the 404 page.
Other ``TrainingError``s are shown by the view on the page the user was on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from functools import wraps
from typing import TYPE_CHECKING, Any, ParamSpec

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from training.errors import NotFound, NotPermitted

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from accounts.models import User

P = ParamSpec("P")


class SignedInRequest(HttpRequest):
    """A request that ``login_required`` let through (and the htmx middleware annotated)."""

    user: User
    htmx: HtmxDetails


def shows_refusals(view: Callable[P, HttpResponseBase]) -> Callable[P, HttpResponseBase]:
    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        try:
            return view(*args, **kwargs)
        except NotPermitted as refused:
            request = args[0]
            assert isinstance(request, HttpRequest)  # noqa: S101 (a type narrowing)
            return render(
                request, "training/refused.html", {"message": refused.message}, status=403
            )
        except NotFound as missing:
            raise Http404(str(missing)) from missing

    return wrapper


def signed_in(view: Callable[P, HttpResponseBase]) -> Callable[P, HttpResponseBase]:
    """``login_required`` and ``shows_refusals``: every training page but the public ones."""
    return login_required(shows_refusals(view))


def page_context(page: Any, **extra: Any) -> dict[str, Any]:
    """A page selector's dataclass as template context (its fields, not copied), plus extras."""
    return {
        "active_section": "training",
        **{f.name: getattr(page, f.name) for f in fields(page)},
        **extra,
    }
