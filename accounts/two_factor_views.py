"""The second factor: enrolment (QR code, recovery codes) and the code asked at sign-in."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from .services.two_factor import (
    TwoFactorError,
    confirm_enrolment,
    confirmed_totp,
    pending_totp,
    verify_second_factor,
)
from .two_factor import is_verified


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


def _next(request) -> str:
    value = request.POST.get("next") or request.GET.get("next")
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return value
    return resolve_url("home")


@never_cache
@login_required
def otp_verify(request):
    """Asks for the code from the app (or a recovery code) before the admin opens."""
    next_url = _next(request)
    if is_verified(request):
        return redirect(next_url)
    if confirmed_totp(request.user) is None:
        return redirect(f"{resolve_url('accounts:otp_enrol')}?{urlencode({'next': next_url})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verify_second_factor(request=request, user=request.user, code=form.cleaned_data["code"])
        except TwoFactorError as error:
            form.add_error("code", error.message)
        else:
            return redirect(next_url)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
def otp_enrol(request):
    """Shows the QR code of a new device; the first code confirms it and shows the recovery
    codes once. A user who already has a device must give its code first (to replace it)."""
    next_url = _next(request)
    if confirmed_totp(request.user) is not None and not is_verified(request):
        return redirect(f"{resolve_url('accounts:otp_verify')}?{urlencode({'next': next_url})}")
    device = pending_totp(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = confirm_enrolment(
                request=request, user=request.user, code=form.cleaned_data["code"]
            )
        except TwoFactorError as error:
            form.add_error("code", error.message)
        else:
            return render(
                request, "accounts/otp_recovery_codes.html", {"codes": codes, "next": next_url}
            )
    qr = segno.make(device.config_url, error="m")
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "next": next_url,
            "qr_data_uri": qr.svg_data_uri(scale=5),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )
