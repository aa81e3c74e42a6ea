"""The configuration of business development: insight themes and the yearly visit goals,
saved through ``confighistory`` (old and new values kept). Who may publish realised
improvements is the permission "Can publish realised improvements", given to users or groups
on their admin pages. Visits, workshops and ideas are changed in the portal, by services."""

from django.contrib import admin

from cases.admin import ConfigurationAdmin

from .models import Theme, VisitGoal


@admin.register(Theme)
class ThemeAdmin(ConfigurationAdmin):
    list_display = ["name", "is_active", "position"]
    list_editable = ["is_active", "position"]
    search_fields = ["name"]


@admin.register(VisitGoal)
class VisitGoalAdmin(ConfigurationAdmin):
    list_display = ["year", "department", "visits"]
    list_filter = ["year"]
