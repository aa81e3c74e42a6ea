from django.urls import path

from . import views
from .selfcheck import views as selfcheck

app_name = "stats"

urlpatterns = [
    path("", views.index, name="index"),
    path("rapport/", views.report, name="report"),
    path("export/statistik.xlsx", views.export_workbook, name="export_workbook"),
    path("export/<slug:table>.<str:file_format>", views.export_table, name="export_table"),
    path("lotsstandard/", selfcheck.self_check_page, name="selfcheck"),
    path("lotsstandard/lotsstandard.xlsx", selfcheck.self_check_xlsx, name="selfcheck_xlsx"),
    path(
        "lotsstandard/ledningens-genomgang/",
        selfcheck.management_review,
        name="selfcheck_review",
    ),
]
