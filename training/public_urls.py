"""The public diploma verification. `/diplom/verifiera/<code>/` is printed on every diploma:
it must never change."""

from django.urls import path

from .views import public

app_name = "diploma"

urlpatterns = [
    path("", public.landing, name="landing"),
    path("verifiera/", public.verify_form, name="verify_form"),
    path("verifiera/<str:code>/", public.verify, name="verify"),
]
