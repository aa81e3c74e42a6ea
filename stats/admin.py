"""The self-check's year goals, edited in admin with their configuration history; the
management reviews are recorded in the portal (``stats.services.reviews``) and only read here."""

from django.contrib import admin

from cases.admin import ConfigurationAdmin

from .models import ManagementReview, YearGoal


@admin.register(YearGoal)
class YearGoalAdmin(ConfigurationAdmin):
    list_display = ["year", "nki_target", "visits_target", "guarantee_target"]


@admin.register(ManagementReview)
class ManagementReviewAdmin(admin.ModelAdmin):
    list_display = ["year", "held_on", "recorded_by", "recorded_at"]
    list_filter = ["year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
