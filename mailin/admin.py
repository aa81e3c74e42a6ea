"""Incoming mail in the admin: a read-only record for the administrator (the coordinators
handle held mail on their own page, /arenden/inkorg/)."""

from django.contrib import admin

from .models import InboundMail


@admin.register(InboundMail)
class InboundMailAdmin(admin.ModelAdmin):
    list_display = ["received_at", "sender", "subject", "status", "reason", "case", "source"]
    list_filter = ["status", "reason", "source"]
    search_fields = ["sender", "subject", "message_id_header"]
    exclude = ["raw"]
    readonly_fields = [
        field.name for field in InboundMail._meta.fields if field.name not in ("raw", "id")
    ]
    list_select_related = ["case"]

    def _superuser(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self._superuser(request)

    def has_module_permission(self, request):
        return self._superuser(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
