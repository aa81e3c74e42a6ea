from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import permissions
from .errors import CaseError
from .models import (
    Attachment,
    Case,
    CaseEvent,
    CaseSettings,
    CaseType,
    Company,
    ContactPerson,
    Door,
    Referral,
)
from .services.retention import anonymise_case


class ReadOnlyAdminMixin:
    """History is appended by the services, never edited here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Door)
class DoorAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active", "position"]
    list_editable = ["is_active", "position"]
    search_fields = ["name", "code"]
    list_filter = ["is_active"]


@admin.register(CaseType)
class CaseTypeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "lead_department",
        "deadline_amount",
        "deadline_unit",
        "is_active",
        "is_public",
        "position",
    ]
    list_filter = ["lead_department", "deadline_unit", "is_active", "is_public"]
    search_fields = ["name", "code", "public_description"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(CaseSettings)
class CaseSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "registration_prefix", "retention_months"]

    def has_add_permission(self, request):
        return not CaseSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "org_number", "identifier_kind", "city", "industry"]
    list_filter = ["identifier_kind", "city"]
    search_fields = ["name", "org_number", "city", "industry"]
    inlines = [ContactPersonInline]


class CaseEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = ["created_at", "kind", "actor", "payload", "is_public"]
    readonly_fields = fields


class ReferralInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Referral
    extra = 0
    fields = ["department", "status", "assignee", "due_date"]
    readonly_fields = fields


@admin.register(Case)
class CaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-mostly: cases change through the portal's pages so that history is kept."""

    list_display = [
        "number",
        "title",
        "company",
        "case_type",
        "lead_department",
        "coordinator",
        "status",
        "due_date",
        "confidential",
        "anonymised_at",
    ]
    list_filter = ["status", "lead_department", "case_type", "door", "confidential", "priority"]
    search_fields = ["number", "title", "company__name", "company__org_number"]
    list_select_related = ["company", "case_type", "lead_department", "coordinator"]
    date_hierarchy = "created_at"
    exclude = ["search_vector"]
    inlines = [ReferralInline, CaseEventInline]
    actions = ["anonymise_now"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_anonymise_permission(self, request):
        return permissions.can_anonymise_cases(request.user)

    @admin.action(description=_("Anonymise personal data now"), permissions=["anonymise"])
    def anonymise_now(self, request, queryset):
        """Ask first (listing the cases), then remove their personal data through the service."""
        cases = list(queryset.select_related("company").order_by("pk"))
        if request.POST.get("confirmed") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Remove personal data?"),
                "opts": self.model._meta,
                "cases": cases,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "action": "anonymise_now",
            }
            return TemplateResponse(
                request, "admin/cases/case/anonymise_confirmation.html", context
            )
        done = 0
        for case in cases:
            try:
                done += anonymise_case(
                    case=case, by=request.user, reason=str(_("By an administrator in the admin"))
                )
            except CaseError as error:
                self.message_user(request, f"{case.number}: {error.message}", messages.WARNING)
        self.message_user(
            request,
            ngettext(
                "The personal data of %(count)d case were removed.",
                "The personal data of %(count)d cases were removed.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )
        return None


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["case", "department", "status", "assignee", "due_date", "created_at"]
    list_filter = ["status", "department"]
    search_fields = ["case__number", "request_text", "answer_text"]
    list_select_related = ["case", "department", "assignee"]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "case", "kind", "actor", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["case__number"]
    list_select_related = ["case", "actor"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["original_name", "case", "content_type", "size", "uploaded_by", "created_at"]
    list_filter = ["content_type", "from_business"]
    search_fields = ["original_name", "case__number", "sha256"]
    list_select_related = ["case", "uploaded_by"]
    exclude = ["file"]
