"""Stable public addresses: municipalities print them on letters. Do not change them."""

from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.intake, name="intake"),
    path("kvitto/", views.receipt, name="receipt"),
    path("arende/<str:token>/", views.track, name="track"),
    path("arende/<str:token>/fil/<int:pk>/", views.track_file, name="track_file"),
    path("lank/", views.resend_link, name="resend_link"),
    path("enkat/<str:token>/", views.survey, name="survey"),
    path("nojdhet/", views.satisfaction, name="satisfaction"),
    path("nojdhet/kommentarer/", views.comments, name="comments"),
    # Staff side: the contact the business gave on a case, into the company register.
    path("arende-kontakt/<int:pk>/", views.register_contact, name="register_contact"),
]
