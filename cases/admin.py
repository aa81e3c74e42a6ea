from django.contrib import admin

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
    list_display = ["__str__", "registration_prefix"]

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
    ]
    list_filter = ["status", "lead_department", "case_type", "door", "confidential", "priority"]
    search_fields = ["number", "title", "company__name", "company__org_number"]
    list_select_related = ["company", "case_type", "lead_department", "coordinator"]
    date_hierarchy = "created_at"
    exclude = ["search_vector"]
    inlines = [ReferralInline, CaseEventInline]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff


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
