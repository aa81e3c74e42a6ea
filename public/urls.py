"""Stable public addresses: municipalities print them on letters. Do not change them."""

from django.urls import path

from . import views, views_outside

app_name = "public"

urlpatterns = [
    path("", views.intake, name="intake"),
    path("kvitto/", views.receipt, name="receipt"),
    path("arende/<str:token>/", views.track, name="track"),
    path("arende/<str:token>/fil/<int:pk>/", views.track_file, name="track_file"),
    path("lank/", views.resend_link, name="resend_link"),
    # An outside party (Polisen, Länsstyrelsen...) answers a question by its private link.
    path("svar/<str:token>/", views_outside.outside_answer, name="outside_answer"),
    path("enkat/<str:token>/", views.survey, name="survey"),
    path("nojdhet/", views.satisfaction, name="satisfaction"),
    path("nojdhet/kommentarer/", views.comments, name="comments"),
    # Staff side: the contact the business gave on a case, into the company register.
    path("arende-kontakt/<int:pk>/", views.register_contact, name="register_contact"),
    # Staff side: a case's questions to outside parties.
    path("externa-fragor/<int:pk>/", views_outside.outside_questions, name="outside_questions"),
    path(
        "externa-fragor/<int:pk>/<int:question_pk>/aterkalla/",
        views_outside.withdraw_outside,
        name="withdraw_outside",
    ),
]
