from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from confighistory.admin import ConfigHistoryAdmin
from lotsportal.admin import PermissionFilteredAdmin, ServiceOnlyAdmin

from . import hooks, permissions
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
    IntakeQuestion,
    Referral,
    SavedFilter,
    ServiceGuarantee,
    StandardText,
)
from .services.companies import UPDATABLE_FIELDS, update_company
from .services.registration import save_case_type
from .services.retention import anonymise_case


class OfficialsOnlyAdmin(ServiceOnlyAdmin):
    """Pages an official may open (as the portal's case and company pages)."""

    def may_view(self, user) -> bool:
        return permissions.is_official(user)


class CaseRecordAdmin(OfficialsOnlyAdmin):
    """A case or a row hanging off one: shown to whom the portal shows the case, read-only.

    ``case_path`` is the lookup from the row to its case ("" for the case itself).
    """

    case_path = "case"

    def visible_queryset(self, request, queryset):
        if not self.case_path:
            return permissions.visible_cases(request.user, queryset)
        return queryset.filter(
            **{f"{self.case_path}__in": permissions.visible_cases(request.user).values("pk")}
        )


class CompanyRegisterAdmin(OfficialsOnlyAdmin):
    """The company register: every official may read it (as in the portal)."""

    def visible_queryset(self, request, queryset):
        return queryset if permissions.is_official(request.user) else queryset.none()


class ConfigurationAdmin(ConfigHistoryAdmin, PermissionFilteredAdmin, admin.ModelAdmin):
    """Doors, case types, settings: Django's model permissions; every save keeps old and new."""

    def visible_queryset(self, request, queryset):
        return queryset


@admin.register(Door)
class DoorAdmin(ConfigurationAdmin):
    list_display = ["name", "code", "is_active", "position"]
    list_editable = ["is_active", "position"]
    search_fields = ["name", "code"]
    list_filter = ["is_active"]


@admin.register(CaseType)
class CaseTypeAdmin(ConfigurationAdmin):
    list_display = [
        "name",
        "code",
        "lead_department",
        "deadline_amount",
        "deadline_unit",
        "clock",
        "statutory_weeks",
        "insikt_area",
        "is_active",
        "is_public",
        "position",
    ]
    list_filter = ["lead_department", "deadline_unit", "clock", "insikt_area", "is_active"]
    search_fields = ["name", "code", "public_description"]
    prepopulated_fields = {"code": ["name"]}

    def save_model(self, request, obj, form, change):
        # With its history, and the search text of its cases when the name changed.
        save_case_type(case_type=obj, by=request.user, fields=self.history_fields)


@admin.register(ServiceGuarantee)
class ServiceGuaranteeAdmin(ConfigurationAdmin):
    """The municipality's published promises (docs/clocks.md): per case type or for all."""

    list_display = ["promise", "case_type", "starts", "met_by", "amount", "unit", "is_active"]
    list_filter = ["case_type", "starts", "met_by", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["promise"]


@admin.register(StandardText)
class StandardTextAdmin(ConfigurationAdmin):
    """Canned texts for messages and decisions, per case type and status (history kept)."""

    list_display = ["title", "use", "case_type", "status", "is_active", "position"]
    list_filter = ["use", "case_type", "status", "is_active"]
    search_fields = ["title", "body_sv", "body_en"]
    fieldsets = [
        (None, {"fields": ["title", "use", "case_type", "status", "is_active", "position"]}),
        (
            _("Text"),
            {
                "fields": ["body_sv", "body_en"],
                "description": _(
                    "Placeholders filled on the case page: {case_number}, {title}, {company}, "
                    "{coordinator}, {department}, {due_date}, {contact}. Without an English "
                    "text the Swedish one is used."
                ),
            },
        ),
    ]


@admin.register(IntakeQuestion)
class IntakeQuestionAdmin(ConfigurationAdmin):
    """The questions a case type asks on the public form and the desk's (history kept).

    A question is retired (not asked), not deleted: the answers already given keep the
    question as it was asked.
    """

    list_display = ["label_sv", "case_type", "kind", "required", "is_active", "position"]
    list_filter = ["case_type", "kind", "required", "is_active"]
    list_editable = ["is_active", "position"]
    search_fields = ["label_sv", "label_en"]
    fieldsets = [
        (None, {"fields": ["case_type", "kind", "required", "is_active", "position"]}),
        (
            _("Question"),
            {
                "fields": ["label_sv", "label_en", "help_sv", "help_en"],
                "description": _("Without an English text the Swedish one is shown."),
            },
        ),
        (_("Choices (one choice from a list)"), {"fields": ["choices_sv", "choices_en"]}),
        (_("Limits (number)"), {"fields": ["min_value", "max_value"]}),
    ]


@admin.register(CaseSettings)
class CaseSettingsAdmin(ConfigurationAdmin):
    """One row; its retention months decide when personal data are removed (history kept)."""

    list_display = ["__str__", "registration_prefix", "retention_months"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CaseSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class ContactPersonInline(CompanyRegisterAdmin, admin.TabularInline):
    model = ContactPerson
    extra = 0
    fields = readonly_fields = ("name", "role", "email", "phone")


@admin.register(Company)
class CompanyAdmin(CompanyRegisterAdmin, admin.ModelAdmin):
    """Officials may correct a company's name and address, through ``update_company`` (which
    refreshes the search text of the company's cases). The number is the company's identity."""

    list_display = ["name", "org_number", "identifier_kind", "city", "industry", "size_class"]
    list_filter = ["identifier_kind", "size_class", "city"]
    search_fields = ["name", "org_number", "city", "industry"]
    fields = ["org_number", "identifier_kind", *UPDATABLE_FIELDS]
    readonly_fields = ["org_number", "identifier_kind"]
    inlines = [ContactPersonInline]

    def has_change_permission(self, request, obj=None):
        return permissions.is_official(request.user)

    def save_model(self, request, obj, form, change):
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        update_company(company=obj, by=request.user, **changed)


class CaseEventInline(CaseRecordAdmin, admin.TabularInline):
    model = CaseEvent
    extra = 0
    fields = readonly_fields = ("created_at", "kind", "actor", "payload", "is_public")


class ReferralInline(CaseRecordAdmin, admin.TabularInline):
    model = Referral
    extra = 0
    fields = readonly_fields = ("department", "status", "assignee", "due_date")


@admin.register(Case)
class CaseAdmin(CaseRecordAdmin, admin.ModelAdmin):
    """Read-only: cases change through the portal's pages (and this list's actions, which call
    services) so that history is kept. Shows only the cases the portal would show."""

    case_path = ""

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

    def get_actions(self, request):
        """The list's own actions and those apps add (``cases.hooks``), each shown only to
        whom its ``permissions`` allow."""
        found = super().get_actions(request)
        added = [self.get_action(action) for action in hooks.case_admin_actions()]
        allowed = self._filter_actions_by_permissions(request, added)  # type: ignore[attr-defined]
        for func, name, description in allowed:
            found[name] = (func, name, description)
        return found

    def has_export_permission(self, request):
        """For the e-archive export an app adds (``cases.hooks.case_admin_actions``)."""
        return permissions.can_export_for_archive(request.user)

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
class ReferralAdmin(CaseRecordAdmin, admin.ModelAdmin):
    list_display = ["case", "department", "status", "assignee", "due_date", "created_at"]
    list_filter = ["status", "department"]
    search_fields = ["case__number", "request_text", "answer_text"]
    list_select_related = ["case", "department", "assignee"]


@admin.register(CaseEvent)
class CaseEventAdmin(CaseRecordAdmin, admin.ModelAdmin):
    list_display = ["created_at", "case", "kind", "actor", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["case__number"]
    list_select_related = ["case", "actor"]


@admin.register(Attachment)
class AttachmentAdmin(CaseRecordAdmin, admin.ModelAdmin):
    list_display = ["original_name", "case", "content_type", "size", "uploaded_by", "created_at"]
    list_filter = ["content_type", "from_business"]
    search_fields = ["original_name", "case__number", "sha256"]
    list_select_related = ["case", "uploaded_by"]
    exclude = ["file"]


@admin.register(SavedFilter)
class SavedFilterAdmin(ServiceOnlyAdmin, admin.ModelAdmin):
    """Officials' saved filters of the case list, for administrators to read (each official
    saves, renames and deletes their own on the case list)."""

    list_display = ("name", "owner", "shared_with", "created_at")
    list_select_related = ("owner", "shared_with")
    search_fields = ("name", "owner__full_name", "owner__email")
    readonly_fields = ("owner", "name", "query", "shared_with", "created_at")

    def may_view(self, user) -> bool:
        return bool(user and user.is_active and user.is_superuser)

    def visible_queryset(self, request, queryset):
        return queryset if self.may_view(request.user) else queryset.none()
