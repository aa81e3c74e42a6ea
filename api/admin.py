"""Integrations, tokens, webhook subscriptions and deliveries: superusers only, through services.

A token is issued on its add page; the raw token is shown once, in the confirmation message,
and only its SHA-256 is kept. Failed deliveries are listed with "send again".
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.models import EventKind
from lotsportal.admin import ServiceOnlyAdmin

from .models import ApiToken, Integration, Scope, WebhookDelivery, WebhookSubscription
from .services import tokens as token_services
from .services import webhooks as webhook_services


class SuperuserAdmin(ServiceOnlyAdmin):
    def changelist_view(self, request, extra_context=None):
        """PostgreSQL refuses text with a NUL byte: a filter value holding one loses it."""
        if any("\x00" in key + value for key, values in request.GET.lists() for value in values):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            request.GET = cleaned
        return super().changelist_view(request, extra_context=extra_context)

    def may_view(self, user) -> bool:
        return bool(user.is_active and user.is_superuser)

    def visible_queryset(self, request, queryset):
        return queryset if self.may_view(request.user) else queryset.none()


class ChangedThroughServices(SuperuserAdmin):
    def has_add_permission(self, request, obj=None):
        return self.may_view(request.user)

    def has_change_permission(self, request, obj=None):
        return self.may_view(request.user)


@admin.register(Integration)
class IntegrationAdmin(ChangedThroughServices, admin.ModelAdmin):
    list_display = ["name", "owner", "service_user", "created_at"]
    fields = ["name", "owner", "service_user"]
    raw_id_fields = ["owner", "service_user"]

    def get_readonly_fields(self, request, obj=None):
        return ["service_user"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            token_services.update_integration(
                integration=obj,
                name=form.cleaned_data["name"],
                owner=form.cleaned_data["owner"],
                by=request.user,
            )
        else:
            created = token_services.create_integration(
                name=form.cleaned_data["name"],
                owner=form.cleaned_data["owner"],
                service_user=form.cleaned_data["service_user"],
                by=request.user,
            )
            obj.pk = created.pk


class TokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiToken
        fields = ["integration", "name", "scopes"]


@admin.register(ApiToken)
class ApiTokenAdmin(SuperuserAdmin, admin.ModelAdmin):
    form = TokenForm
    list_display = [
        "integration",
        "name",
        "prefix",
        "scopes",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["integration"]
    actions = ["revoke"]

    def has_add_permission(self, request, obj=None):
        return self.may_view(request.user)

    def has_revoke_permission(self, request):
        return self.may_view(request.user)

    def save_model(self, request, obj, form, change):
        issued = token_services.issue_token(
            integration=form.cleaned_data["integration"],
            scopes=form.cleaned_data["scopes"],
            name=form.cleaned_data["name"],
            by=request.user,
        )
        obj.pk = issued.token.pk
        self.message_user(
            request,
            _("The token (shown only now, copy it): %(token)s") % {"token": issued.raw},
            level=messages.WARNING,
        )

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset):
        count = token_services.revoke_tokens(
            token_ids=queryset.values_list("pk", flat=True), by=request.user
        )
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
            % {"count": count},
        )


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    event_kinds = forms.MultipleChoiceField(
        label=_("event kinds"), choices=EventKind.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookSubscription
        fields = ["integration", "url", "event_kinds", "is_active"]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(ChangedThroughServices, admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ["integration", "url", "event_kinds", "is_active"]
    readonly_fields = ["secret"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            webhook_services.update_subscription(
                subscription=obj,
                url=data["url"],
                event_kinds=data["event_kinds"],
                is_active=data["is_active"],
                by=request.user,
            )
        else:
            created = webhook_services.create_subscription(
                integration=data["integration"],
                url=data["url"],
                event_kinds=data["event_kinds"],
                by=request.user,
            )
            obj.pk = created.pk


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(SuperuserAdmin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "event_id",
        "kind",
        "subscription",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    actions = ["send_again"]

    def has_resend_permission(self, request):
        return self.may_view(request.user)

    @admin.action(description=_("Send the selected deliveries again"), permissions=["resend"])
    def send_again(self, request, queryset):
        count = webhook_services.resend_deliveries(
            delivery_ids=queryset.values_list("pk", flat=True), by=request.user
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery queued again.", "%(count)d deliveries queued again.", count
            )
            % {"count": count},
            level=messages.SUCCESS if count else messages.WARNING,
        )
