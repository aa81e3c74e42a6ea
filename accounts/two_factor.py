"""Who must give a second factor, and the middleware that asks for it.

Required for every user who can enter the Django admin when they signed in with a password,
before any admin page opens; with ``TWO_FACTOR_FOR_EVERYONE`` for every user signed in through
the sign-in pages (password or the municipality's account), before any page. A session made some
other way (the test client's ``force_login``) carries no sign-in method and is not asked.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .backends import SESSION_KEY
from .permissions import can_open_admin

# Pages reachable before the second factor: enrolment, the code, signing out, static files.
_ALWAYS_OPEN = ("accounts:otp_verify", "accounts:otp_enrol", "accounts:logout")


def second_factor_required(request) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    method = request.session.get(SESSION_KEY)
    if method is None:
        return False
    if settings.TWO_FACTOR_FOR_EVERYONE:
        return True
    return method == "password" and can_open_admin(user)


def is_verified(request) -> bool:
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


class SecondFactorMiddleware:
    """After django-otp's ``OTPMiddleware``: sends an unverified session to the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_ask(request):
            target = reverse("accounts:otp_verify")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _must_ask(self, request) -> bool:
        if not second_factor_required(request) or is_verified(request):
            return False
        path = request.path_info
        if path.startswith(
            settings.STATIC_URL
            if settings.STATIC_URL.startswith("/")
            else "/" + settings.STATIC_URL
        ):
            return False
        if any(path == reverse(name) for name in _ALWAYS_OPEN):
            return False
        if settings.TWO_FACTOR_FOR_EVERYONE:
            return True
        return path.startswith(reverse("admin:index"))
