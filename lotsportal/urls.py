from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from . import health, views

admin.site.site_header = _("Lotsportalen administration")
admin.site.site_title = _("Lotsportalen")
admin.site.index_title = _("Administration")

# A database that cannot be reached answers 503 even where no view raised it.
handler500 = views.server_error

urlpatterns = [
    path("", views.home, name="home"),
    path("sok/", views.search, name="search"),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("konto/", include("accounts.urls")),
    path("arenden/inkorg/", include("mailin.urls")),
    path("arenden/", include("cases.urls")),
    path("utbildning/", include("training.urls")),
    # Before public.urls: the public questions page lives under the business owner's door.
    path("foretag/fragor/", include("knowledge.public_urls")),
    # Before the public door's addresses under /foretag/, so neither shadows the other.
    path("foretag/forbattringar/", include("development.public_urls")),
    path("foretag/", include("public.urls")),
    path("utveckling/", include("development.urls")),
    path("diplom/", include("training.public_urls")),
    path("kunskapsbank/", include("knowledge.urls")),
    path("statistik/", include("stats.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]
