"""Sign-in events from Django and django-axes into the audit log (through the service)."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .backends import SESSION_KEY, SIGN_IN_METHOD_ATTR
from .models import SignInEventKind
from .services.audit import record_sign_in_event


@receiver(user_logged_in, dispatch_uid="accounts.audit.logged_in")
def _logged_in(sender, request, user, **kwargs):
    if request is None:
        return
    # Set by the sign-in page (password) and the provider's callback (oidc) before login().
    method = getattr(request, SIGN_IN_METHOD_ATTR, None)
    if method is None:
        return  # a session made outside the sign-in pages (force_login in tests)
    request.session[SESSION_KEY] = method
    if method == "password":
        record_sign_in_event(kind=SignInEventKind.PASSWORD_SUCCESS, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="accounts.audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    record_sign_in_event(
        kind=SignInEventKind.PASSWORD_FAILURE,
        request=request,
        username=str(credentials.get("username") or ""),
    )


@receiver(user_locked_out, dispatch_uid="accounts.audit.locked_out")
def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record_sign_in_event(
        kind=SignInEventKind.LOCKED_OUT, request=request, username=str(username or "")
    )


@receiver(user_logged_out, dispatch_uid="accounts.audit.logged_out")
def _logged_out(sender, request, user, **kwargs):
    if user is not None and request is not None and request.session.get(SESSION_KEY):
        record_sign_in_event(kind=SignInEventKind.SIGNED_OUT, request=request, user=user)
