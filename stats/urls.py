from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("", views.index, name="index"),
    path("rapport/", views.report, name="report"),
    path("export/statistik.xlsx", views.export_workbook, name="export_workbook"),
    path("export/<slug:table>.<str:file_format>", views.export_table, name="export_table"),
]
