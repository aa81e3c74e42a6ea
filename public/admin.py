from django.contrib import admin

from .models import CaseAccessToken, IntakeDetails, SurveyInvitation, SurveyResponse


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the public services; an administrator looks, and may delete (retention)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CaseAccessToken)
class CaseAccessTokenAdmin(ReadOnlyAdmin):
    list_display = ["case", "purpose", "created_at"]
    list_filter = ["purpose", "created_at"]
    search_fields = ["case__number", "case__company__name"]
    list_select_related = ["case"]
    exclude = ["token_hash"]


@admin.register(IntakeDetails)
class IntakeDetailsAdmin(ReadOnlyAdmin):
    list_display = ["case", "company_name_given", "preferred_contact", "consent_given_at"]
    list_filter = ["preferred_contact"]
    search_fields = ["case__number", "case__company__name", "company_name_given"]
    list_select_related = ["case"]


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(ReadOnlyAdmin):
    list_display = ["case", "first_sent_at", "reminders_sent"]
    list_filter = ["reminders_sent", "first_sent_at"]
    search_fields = ["case__number", "case__company__name"]
    list_select_related = ["case"]
    exclude = ["token_hash"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnlyAdmin):
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
