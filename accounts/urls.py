from django.urls import path

from . import sso_views, two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.SignInView.as_view(), name="login"),
    path("logga-ut/", views.SignOutView.as_view(), name="logout"),
    path("kommunens-konto/", sso_views.oidc_login, name="oidc_login"),
    path("kommunens-konto/svar/", sso_views.oidc_callback, name="oidc_callback"),
    path("tvafaktor/", two_factor_views.otp_verify, name="otp_verify"),
    path("tvafaktor/aktivera/", two_factor_views.otp_enrol, name="otp_enrol"),
    path("profil/", views.profile, name="profile"),
    path("losenord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("losenord/klart/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("aterstall/", views.PasswordResetView.as_view(), name="password_reset"),
    path("aterstall/skickat/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "aterstall/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "aterstall/klart/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
