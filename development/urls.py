from django.urls import path

from .views import ideas, insights, statistics, visits, workshops

app_name = "development"

urlpatterns = [
    path("besok/", visits.visit_list, name="visit_list"),
    path("besok/nytt/", visits.visit_create, name="visit_create"),
    path("besok/ej-besokta/", visits.not_visited, name="not_visited"),
    path("besok/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("besok/<int:pk>/genomfort/", visits.visit_held, name="visit_held"),
    path("besok/<int:pk>/andra/", visits.visit_edit, name="visit_edit"),
    path("besok/<int:pk>/avboka/", visits.visit_cancel, name="visit_cancel"),
    path("besok/<int:pk>/insikt/", visits.insight_add, name="insight_add"),
    path("insikter/", insights.insight_list, name="insight_list"),
    path("insikter/<int:pk>/andra/", visits.insight_edit, name="insight_edit"),
    path("insikter/<int:pk>/arende/", visits.insight_open_case, name="insight_open_case"),
    path("workshoppar/", workshops.workshop_list, name="workshop_list"),
    path("workshoppar/ny/", workshops.workshop_create, name="workshop_create"),
    path("workshoppar/<int:pk>/", workshops.workshop_detail, name="workshop_detail"),
    path("workshoppar/<int:pk>/gast/", workshops.guest_add, name="guest_add"),
    path("workshoppar/<int:pk>/gast/ta-bort/", workshops.guest_remove, name="guest_remove"),
    path("workshoppar/<int:pk>/deltagare/", workshops.officials_set, name="officials_set"),
    path("workshoppar/<int:pk>/steg/", workshops.step_note, name="step_note"),
    path("workshoppar/<int:pk>/insikter/", workshops.insights_set, name="insights_set"),
    path("ideer/", ideas.idea_list, name="idea_list"),
    path("ideer/ny/", ideas.idea_create, name="idea_create"),
    path("ideer/<int:pk>/", ideas.idea_detail, name="idea_detail"),
    path("ideer/<int:pk>/andra/", ideas.idea_edit, name="idea_edit"),
    path("ideer/<int:pk>/status/", ideas.idea_move, name="idea_move"),
    path("ideer/<int:pk>/publicera/", ideas.idea_publish, name="idea_publish"),
    path("statistik/", statistics.statistics, name="statistics"),
]
