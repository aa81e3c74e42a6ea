"""Public diploma verification: holder, year, issue date and validity; nothing more."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lotsportal.public_forms import is_rate_limited
from training import selectors
from training.forms import VerifyForm
from training.services.diplomas import diploma_state, normalise_code


def _too_many(request: HttpRequest) -> bool:
    """Lookups per client address over the limit in the window are refused (django-ratelimit,
    so the address is read as for every public form, from RATELIMIT_IP_META_KEY)."""
    return is_rate_limited(
        request,
        group="diploma-verify",
        rate=(settings.DIPLOMA_VERIFY_LIMIT, settings.DIPLOMA_VERIFY_WINDOW_SECONDS),
        every_method=True,
    )


def _refused(request: HttpRequest) -> HttpResponse:
    response = render(request, "training/public/too_many.html", status=429)
    response["Retry-After"] = str(settings.DIPLOMA_VERIFY_WINDOW_SECONDS)
    return response


def landing(request: HttpRequest) -> HttpResponse:
    """``/diplom/``: what a LOTS diploma is, and the way to verify one."""
    return render(request, "training/public/landing.html", {"form": VerifyForm()})


def verify_form(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        code = normalise_code(form.cleaned_data["code"])
        if code:
            return redirect("diploma:verify", code=code)
        if _too_many(request):
            return _refused(request)
        return render(request, "training/public/not_found.html", status=404)
    return render(request, "training/public/verify_form.html", {"form": form})


def verify(request: HttpRequest, code: str) -> HttpResponse:
    if _too_many(request):
        return _refused(request)
    normalised = normalise_code(code)
    diploma = selectors.diploma_by_code(code=normalised) if normalised else None
    if diploma is None:
        return render(request, "training/public/not_found.html", status=404)
    if normalised != code:
        return redirect("diploma:verify", code=normalised)
    return render(
        request,
        "training/public/verify.html",
        {"diploma": diploma, "state": diploma_state(diploma)},
    )
