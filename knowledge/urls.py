from django.urls import path

from .views import articles, work

app_name = "knowledge"

urlpatterns = [
    path("", articles.article_list, name="list"),
    path("ny/", articles.article_create, name="create"),
    path("granskas/", articles.due_list, name="due"),
    path("luckor/", articles.gap_list, name="gaps"),
    path("forslag/", work.suggest, name="suggest"),
    path("export/", work.export, name="export"),
    path("import/", work.import_view, name="import"),
    path("fran-meddelande/<int:pk>/", work.from_message, name="from_message"),
    path("fran-remiss/<int:pk>/", work.from_referral, name="from_referral"),
    path("<int:pk>/", articles.article_detail, name="detail"),
    path("<int:pk>/andra/", articles.article_edit, name="edit"),
    path("<int:pk>/version/<int:number>/", articles.version_detail, name="version"),
    path("<int:pk>/kursfraga/", work.propose, name="propose"),
    path("<int:pk>/<slug:action>/", articles.article_action, name="action"),
]
