from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[]),
        name="schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", authentication_classes=[], permission_classes=[]
        ),
        name="docs",
    ),
    path("v1/cases/", views.CaseListView.as_view(), name="cases"),
    path("v1/cases/<int:pk>/", views.CaseDetailView.as_view(), name="case"),
    path("v1/cases/<int:pk>/status/", views.CaseStatusView.as_view(), name="case_status"),
    path("v1/cases/<int:pk>/events/", views.CaseEventListView.as_view(), name="case_events"),
    path(
        "v1/cases/<int:pk>/attachments/",
        views.CaseAttachmentListView.as_view(),
        name="case_attachments",
    ),
    path("v1/events/", views.EventListView.as_view(), name="events"),
    path("v1/referrals/", views.ReferralListView.as_view(), name="referrals"),
    path("v1/referrals/<int:pk>/", views.ReferralDetailView.as_view(), name="referral"),
    path("v1/companies/<str:org_number>/", views.CompanyView.as_view(), name="company"),
    path(
        "v1/attachments/<int:pk>/content/",
        views.AttachmentContentView.as_view(),
        name="attachment_content",
    ),
    path("v1/training/results/", views.CourseResultListView.as_view(), name="training_results"),
    path("v1/training/diplomas/", views.DiplomaListView.as_view(), name="training_diplomas"),
]
