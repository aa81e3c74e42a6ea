from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import OutboxMessage, OutboxStatus
from .selectors import outbox_summary


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: the outbox is a record of what was sent; only "send again" acts on it.

    The list's header shows the count per status and how long the oldest due message has
    waited (notifications.selectors.outbox_summary), each count a link to the filtered list.
    """

    change_list_template = "admin/notifications/outboxmessage/change_list.html"
    list_display = [
        "created_at",
        "recipient",
        "template",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "short_error",
    ]
    list_filter = ["status", "template", "language"]
    search_fields = ["recipient", "subject", "template"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = ["requeued_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("notifications.view_outboxmessage")

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.last_error[:120]

    def changelist_view(self, request, extra_context=None):
        summary = outbox_summary()
        extra_context = {
            **(extra_context or {}),
            "outbox_summary": summary,
            "outbox_statuses": [
                (status.value, status.label, summary.counts[status.value])
                for status in OutboxStatus
            ],
        }
        return super().changelist_view(request, extra_context=extra_context)

    @admin.action(
        description=_("Send the selected messages again (failed, given up or pending)"),
        permissions=["resend"],
    )
    def send_again(self, request, queryset):
        queued = services.resend_messages(
            message_ids=queryset.values_list("pk", flat=True), by=request.user
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d message queued to be sent again.",
                "%(count)d messages queued to be sent again.",
                queued,
            )
            % {"count": queued},
            level=messages.SUCCESS if queued else messages.WARNING,
        )
