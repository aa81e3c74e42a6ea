from django import forms
from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from confighistory.admin import ConfigHistoryAdmin

from . import email_texts, services
from .models import EmailText, OutboxMessage, OutboxStatus
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


class EmailTextForm(forms.ModelForm):
    template = forms.ChoiceField(label=_("E-mail"), choices=())

    class Meta:
        model = EmailText
        fields = ["template", "language", "subject", "body", "is_active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14, "cols": 80})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        template = self.fields["template"]
        assert isinstance(template, forms.ChoiceField)  # noqa: S101 (a type narrowing)
        template.choices = [(name, name) for name in email_texts.shipped_emails()]


@admin.register(EmailText)
class EmailTextAdmin(ConfigHistoryAdmin, admin.ModelAdmin):
    """The wording of the portal's e-mails, per language, with a preview; every save keeps
    old and new (configuration history). Without a row (or with it not in use) the shipped
    text is sent."""

    form = EmailTextForm
    list_display = ["template", "language", "subject", "is_active"]
    list_filter = ["language", "is_active", "template"]
    search_fields = ["template", "subject", "body"]
    readonly_fields = ["placeholders", "preview", "shipped_text"]

    @admin.display(description=_("Placeholders"))
    def placeholders(self, obj):
        if not obj or not obj.template:
            return _("Choose the e-mail and save to see its placeholders.")
        names = email_texts.shipped_placeholders(obj.template)
        return ", ".join("{{ " + name + " }}" for name in names)

    @admin.display(description=_("Preview (with example values)"))
    def preview(self, obj):
        if not obj or not obj.pk:
            return "–"
        context = email_texts.sample_context(obj.template)
        subject = email_texts.fill(obj.subject, context)
        body = email_texts.fill(obj.body, context)
        return format_html(
            '<div data-testid="email-preview"><p><strong>{}</strong></p>'
            '<pre style="white-space: pre-wrap">{}</pre></div>',
            subject,
            body,
        )

    @admin.display(description=_("The shipped text (sent when there is no edited one)"))
    def shipped_text(self, obj):
        if not obj or not obj.template:
            return "–"
        context = email_texts.sample_context(obj.template)
        with translation.override(obj.language or "sv"):
            subject = render_to_string(f"{obj.template}_subject.txt", context)
            body = render_to_string(f"{obj.template}{email_texts.BODY_SUFFIX}", context)
        return format_html(
            '<div data-testid="email-shipped"><p><strong>{}</strong></p>'
            '<pre style="white-space: pre-wrap">{}</pre></div>',
            " ".join(subject.split()),
            body,
        )
