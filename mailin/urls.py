from django.urls import path

from . import views

app_name = "mailin"

urlpatterns = [
    path("", views.held_list, name="held"),
    path("<int:pk>/", views.held_detail, name="held_detail"),
    path("<int:pk>/arende/", views.release, name="release"),
    path("<int:pk>/kasta/", views.discard, name="discard"),
]
