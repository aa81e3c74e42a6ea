from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: the outbox is a record of what was sent; only 'send now' acts on it."""

    list_display = [
        "created_at",
        "recipient",
        "template",
        "subject",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["status", "template", "language"]
    search_fields = ["recipient", "subject", "template"]
    date_hierarchy = "created_at"
    actions = ["send_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected pending messages now"))
    def send_now(self, request, queryset):
        sent = 0
        for message_id in queryset.pending().values_list("pk", flat=True):
            try:
                if services.send_message(message_id=message_id):
                    sent += 1
            except Exception as exc:  # noqa: BLE001 - shown to the administrator
                self.message_user(request, str(exc), level=messages.ERROR)
        self.message_user(
            request,
            ngettext("%(count)d message sent.", "%(count)d messages sent.", sent) % {"count": sent},
        )
