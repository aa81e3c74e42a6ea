from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django_ratelimit.exceptions import Ratelimited

from lotsportal.public_forms import is_rate_limited

from . import forms
from .selectors import memberships_for_start_page


class SignInView(auth_views.LoginView):
    form_class = forms.SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


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
