from django.contrib import admin

from cases.admin import CaseRecordAdmin

from . import permissions
from .models import CaseAccessToken, IntakeDetails, SurveyInvitation, SurveyResponse


class PublicRecordAdmin(CaseRecordAdmin, admin.ModelAdmin):
    """Written by the public services; an official looks at the rows of the cases they may see.

    Nothing is added, changed or deleted here: personal data go with the retention rule (or the
    case list's "anonymise now" action), which calls the service.
    """


@admin.register(CaseAccessToken)
class CaseAccessTokenAdmin(PublicRecordAdmin):
    list_display = ["case", "purpose", "created_at"]
    list_filter = ["purpose", "created_at"]
    search_fields = ["case__number", "case__company__name"]
    list_select_related = ["case"]
    exclude = ["token_hash"]


@admin.register(IntakeDetails)
class IntakeDetailsAdmin(PublicRecordAdmin):
    list_display = ["case", "company_name_given", "preferred_contact", "consent_given_at"]
    list_filter = ["preferred_contact"]
    search_fields = ["case__number", "case__company__name", "company_name_given"]
    list_select_related = ["case"]


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(PublicRecordAdmin):
    list_display = ["case", "first_sent_at", "reminders_sent"]
    list_filter = ["reminders_sent", "first_sent_at"]
    search_fields = ["case__number", "case__company__name"]
    list_select_related = ["case"]
    exclude = ["token_hash"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(PublicRecordAdmin):
    list_display = [
        "case",
        "scale_max",
        "overall_satisfaction",
        "expectations_met",
        "close_to_ideal",
        "answered_at",
    ]
    list_filter = ["scale_max", "answered_at", "case__lead_department", "case__case_type"]
    search_fields = ["case__number", "case__company__name", "comment"]
    list_select_related = ["case"]

    def may_view(self, user) -> bool:
        return permissions.can_view_comments(user)

    def visible_queryset(self, request, queryset):
        """As on the comments page: a lots sees the answers of their departments' cases."""
        return permissions.visible_survey_responses(request.user, queryset)
