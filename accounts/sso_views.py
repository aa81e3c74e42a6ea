"""Sign-in with the municipality's account (OIDC): start, callback, and the pages they show.

Every refused or broken answer of the provider (an error it sends back, a wrong or missing
state, an expired code, an ID token for another audience or with another nonce, a provider
that is down) is logged and shown as a page saying what happened; never a 500.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import oidc
from .backends import OIDC_BACKEND, SIGN_IN_METHOD_ATTR
from .models import SignInEventKind
from .services.audit import record_sign_in_event
from .services.sso import NoMappedGroups, SignInRefused, sign_in_from_claims

log = logging.getLogger("accounts.oidc")

NEXT_KEY = "lots_oidc_next"
ID_TOKEN_KEY = "lots_oidc_id_token"  # noqa: S105 (a session key)


def _require_enabled() -> None:
    if not oidc.enabled():
        raise Http404


def _safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return resolve_url(settings.OIDC_LOGIN_REDIRECT_URL)


def _failure(request, *, reason: str, message: str, status: int = 400):
    log.warning("OIDC sign-in refused: %s", reason)
    record_sign_in_event(kind=SignInEventKind.SSO_FAILURE, request=request, detail=reason)
    return render(request, "accounts/sso_error.html", {"message": message}, status=status)


@never_cache
def oidc_login(request):
    """Send the browser to the provider (PKCE, state and nonce kept in the session)."""
    _require_enabled()
    request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next"))
    redirect_uri = request.build_absolute_uri(reverse("accounts:oidc_callback"))
    try:
        return oidc.client().authorize_redirect(request, redirect_uri)
    except oidc.PROVIDER_ERRORS as error:
        return _failure(
            request,
            reason=f"discovery failed: {type(error).__name__}: {error}",
            message=_("The municipality's sign-in service cannot be reached just now."),
            status=502,
        )


@never_cache
def oidc_callback(request):
    _require_enabled()
    app = oidc.client()
    if request.GET.get("error"):
        return _failure(
            request,
            reason=f"provider said {request.GET.get('error')}: "
            f"{request.GET.get('error_description', '')}"[:400],
            message=_("The municipality's sign-in service did not sign you in."),
        )
    try:
        token = app.authorize_access_token(request)
        claims = dict(token.get("userinfo") or {})
        if not claims:
            raise ValueError("no ID token in the answer")
        userinfo = dict(app.userinfo(token=token))
        if userinfo.get("sub") != claims.get("sub"):
            raise ValueError("userinfo is about another subject")
        claims = {**userinfo, **claims}
    except oidc.PROVIDER_ERRORS as error:
        down = isinstance(error, oidc.requests.ConnectionError | oidc.requests.Timeout)
        return _failure(
            request,
            reason=f"{type(error).__name__}: {error}"[:400],
            message=_("The municipality's sign-in service cannot be reached just now.")
            if down
            else _(
                "The answer from the municipality's sign-in service could not be accepted. "
                "Start again from the sign-in page."
            ),
            status=502 if down else 400,
        )
    try:
        user = sign_in_from_claims(
            claims=claims,
            groups_claim=settings.OIDC_GROUPS_CLAIM,
            employee_id_claim=settings.OIDC_EMPLOYEE_ID_CLAIM,
            request=request,
        )
    except NoMappedGroups:
        log.info("OIDC sign-in without a mapped group: %s", claims.get("email"))
        return render(
            request,
            "accounts/sso_no_access.html",
            {"email": claims.get("email", "")},
            status=403,
        )
    except SignInRefused as refused:
        return render(request, "accounts/sso_error.html", {"message": refused.message}, status=403)
    next_url = request.session.pop(NEXT_KEY, None) or resolve_url(settings.OIDC_LOGIN_REDIRECT_URL)
    setattr(request, SIGN_IN_METHOD_ATTR, "oidc")
    login(request, user, backend=OIDC_BACKEND)
    request.session[ID_TOKEN_KEY] = token.get("id_token", "")
    return redirect(next_url)


def provider_logout_url(request, id_token: str) -> str | None:
    """Where to send the browser to end the provider's session too, if it offers that."""
    if not (oidc.enabled() and id_token):
        return None
    try:
        app = oidc.client()
        if not app.load_server_metadata().get("end_session_endpoint"):
            return None
        result = app.create_logout_url(
            post_logout_redirect_uri=request.build_absolute_uri(reverse("accounts:login")),
            id_token_hint=id_token,
            client_id=settings.OIDC_CLIENT_ID,
        )
    except oidc.PROVIDER_ERRORS + (RuntimeError,) as error:
        log.warning("OIDC provider logout not offered: %s", error)
        return None
    return result["url"]
