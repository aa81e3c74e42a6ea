from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django_ratelimit.exceptions import Ratelimited

from lotsportal.public_forms import is_rate_limited

from . import forms, oidc
from .backends import SIGN_IN_METHOD_ATTR
from .selectors import memberships_for_start_page
from .sso_views import ID_TOKEN_KEY, provider_logout_url


class SignInView(auth_views.LoginView):
    """The password form (for local accounts; off with ``PASSWORD_SIGN_IN_ENABLED=false``)
    and the button "Logga in med kommunens konto" when OIDC is configured."""

    form_class = forms.SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not settings.PASSWORD_SIGN_IN_ENABLED:
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        setattr(self.request, SIGN_IN_METHOD_ATTR, "password")
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "oidc_enabled": oidc.enabled(),
            "password_enabled": settings.PASSWORD_SIGN_IN_ENABLED,
        }


class SignOutView(auth_views.LogoutView):
    """Ends the portal's session and, after signing in with the municipality's account, the
    provider's too where it offers that (RP-initiated logout)."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(ID_TOKEN_KEY, "")
        response = super().post(request, *args, **kwargs)
        provider_url = provider_logout_url(request, id_token) if id_token else None
        if provider_url:
            # A page that moves on by itself, not a redirect: the sign-out form's redirect to
            # another origin would be blocked by the policy's form-action 'self'.
            return render(request, "accounts/sso_logout.html", {"provider_url": provider_url})
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a reset link is limited per address, so nobody can flood an inbox. The
    limit fails open when the cache is down (``is_rate_limited``), like the public forms."""

    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        if is_rate_limited(request, group="password_reset", rate=settings.PASSWORD_RESET_RATE):
            raise Ratelimited()
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {"memberships": memberships_for_start_page(user=request.user)},
    )
