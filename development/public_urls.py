from django.urls import path

from .views import public

app_name = "development_public"

urlpatterns = [
    path("", public.improvements, name="improvements"),
]
