"""The configuration history in the admin: every change on its object's history page (who, when,
old → new) and all of them in one read-only list.

``ConfigHistoryAdmin`` is the mixin for a configuration model's admin: its saves, deletions and
inline rows go through ``confighistory.services``; deleting is for superusers only (a row that is
in use is deactivated instead).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ConfigChange
from .services import delete_configuration, save_configuration

if TYPE_CHECKING:
    from django.template.response import _TemplateForResponseT


class ConfigHistoryAdmin:
    """Mix in before ``admin.ModelAdmin``. ``history_fields``: the fields kept (None = all)."""

    history_fields: list[str] | None = None
    # Typed as ModelAdmin types it, so that both bases of a configuration admin agree.
    object_history_template: ClassVar[_TemplateForResponseT | None] = (
        "admin/confighistory/object_history.html"
    )

    def save_model(self, request, obj, form, change):
        save_configuration(instance=obj, by=request.user, fields=self.history_fields)

    def delete_model(self, request, obj):
        delete_configuration(instance=obj, by=request.user, fields=self.history_fields)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            delete_configuration(instance=obj, by=request.user, fields=self.history_fields)

    def save_formset(self, request, form, formset, change):
        """Inline rows (a department's memberships) are configuration too."""
        fields = getattr(formset, "history_fields", None)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_configuration(instance=obj, by=request.user, fields=fields)
        for obj in instances:
            save_configuration(instance=obj, by=request.user, fields=fields)
        formset.save_m2m()

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)  # type: ignore[misc]

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "config_changes": ConfigChange.objects.of(self.model, object_id)  # type: ignore[attr-defined]
            .select_related("content_type")
            .order_by("-created_at", "-pk")[:200],
        }
        return super().history_view(request, object_id, extra_context)  # type: ignore[misc]


@admin.register(ConfigChange)
class ConfigChangeAdmin(admin.ModelAdmin):
    """Appended by the services; nobody adds, edits or deletes a row here."""

    list_display = ["created_at", "actor_name", "content_type", "object_repr", "action", "summary"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_name"]
    list_select_related = ["content_type"]
    date_hierarchy = "created_at"
    readonly_fields = ["summary"]
    fields = ["created_at", "actor_name", "content_type", "object_repr", "action", "summary"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("old → new"))
    def summary(self, obj: ConfigChange) -> str:
        return "; ".join(f"{label}: {old} → {new}" for label, old, new in obj.field_changes())
