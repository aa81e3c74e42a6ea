"""Public diploma verification: holder, year, issue date and validity; nothing more."""

from django.conf import settings
from django.shortcuts import redirect, render

from lotsportal.public_forms import is_rate_limited
from training.forms import VerifyForm
from training.models import Diploma
from training.services.diplomas import diploma_state, normalise_code


def _too_many(request) -> bool:
    """Lookups per client address over the limit in the window are refused (django-ratelimit,
    so the address is read as for every public form, from RATELIMIT_IP_META_KEY)."""
    return is_rate_limited(
        request,
        group="diploma-verify",
        rate=(settings.DIPLOMA_VERIFY_LIMIT, settings.DIPLOMA_VERIFY_WINDOW_SECONDS),
        every_method=True,
    )


def _refused(request):
    response = render(request, "training/public/too_many.html", status=429)
    response["Retry-After"] = str(settings.DIPLOMA_VERIFY_WINDOW_SECONDS)
    return response


def verify_form(request):
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        code = normalise_code(form.cleaned_data["code"])
        if code:
            return redirect("diploma:verify", code=code)
        if _too_many(request):
            return _refused(request)
        return render(request, "training/public/not_found.html", status=404)
    return render(request, "training/public/verify_form.html", {"form": form})


def verify(request, code):
    if _too_many(request):
        return _refused(request)
    normalised = normalise_code(code)
    diploma = (
        Diploma.objects.filter(verification_code=normalised).select_related("course").first()
        if normalised
        else None
    )
    if diploma is None:
        return render(request, "training/public/not_found.html", status=404)
    if normalised != code:
        return redirect("diploma:verify", code=normalised)
    return render(
        request,
        "training/public/verify.html",
        {"diploma": diploma, "state": diploma_state(diploma)},
    )
