from django.urls import path

from .views import (
    actions,
    attachments,
    bulk,
    cases,
    changes,
    clocks,
    companies,
    saved_filters,
    standard_texts,
)

app_name = "cases"

urlpatterns = [
    path("", cases.case_list, name="list"),
    path("export.csv", cases.case_export, name="export"),
    path("flera/", bulk.bulk_action, name="bulk"),
    path("filter/spara/", saved_filters.saved_filter_create, name="saved_filter_create"),
    path("filter/<int:pk>/", saved_filters.saved_filter_open, name="saved_filter_open"),
    path("filter/<int:pk>/andra/", saved_filters.saved_filter_edit, name="saved_filter_edit"),
    path("filter/<int:pk>/ta-bort/", saved_filters.saved_filter_delete, name="saved_filter_delete"),
    path("mitt-arbete/", cases.my_work, name="my_work"),
    path("nytt/", cases.case_create, name="create"),
    path("nytt/foretag/", companies.company_lookup, name="company_lookup"),
    path("<int:pk>/", cases.case_detail, name="detail"),
    path("<int:pk>/status/", actions.status_change, name="status"),
    path("<int:pk>/samordnare/", actions.coordinator_change, name="coordinator"),
    path("<int:pk>/skicka/", actions.route, name="route"),
    path("<int:pk>/tilldela/", actions.assign, name="assign"),
    path("<int:pk>/anteckning/", actions.note, name="note"),
    path("<int:pk>/meddelande/", actions.message, name="message"),
    path("<int:pk>/klocka/<str:verb>/", clocks.clock_action, name="clock_action"),
    path("<int:pk>/andra/", changes.edit, name="edit"),
    path("<int:pk>/svar/", changes.intake_answers, name="intake_answers"),
    path("<int:pk>/koppla/", changes.link, name="link"),
    path("<int:pk>/sla-samman/", changes.merge, name="merge"),
    path("<int:pk>/standardtext/", standard_texts.insert, name="standard_text"),
    path("<int:pk>/bilaga/", attachments.upload, name="upload"),
    path("bilaga/<int:pk>/", attachments.download, name="attachment"),
    path("remiss/<int:pk>/<str:verb>/", actions.referral_action, name="referral_action"),
    path("foretag/", companies.company_list, name="company_list"),
    path("foretag/<int:pk>/", companies.company_detail, name="company_detail"),
    path("foretag/<int:pk>/kontakt/", companies.contact_add, name="contact_add"),
]
