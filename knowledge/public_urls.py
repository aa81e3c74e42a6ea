"""The public questions page, at /foretag/fragor/ (before public.urls in lotsportal/urls.py)."""

from django.urls import path

from .views import public

app_name = "knowledge_public"

urlpatterns = [
    path("", public.faq_list, name="list"),
    path("<int:pk>/", public.faq_detail, name="detail"),
]
