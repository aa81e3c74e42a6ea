from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from confighistory.admin import ConfigHistoryAdmin
from lotsportal.admin import LabelledInlineMixin

from .models import ClaimMapping, Department, Membership, SignInEvent, User
from .services.two_factor import TwoFactorError, reset_two_factor


def _sign_in_page(request, extra_context=None):
    """The admin's own sign-in form is the portal's (axes, the audit, the second factor)."""
    return redirect_to_login(
        request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index"),
        reverse("accounts:login"),
    )


admin.site.login = _sign_in_page  # type: ignore[method-assign]

# Devices are made by the user's own enrolment and removed by the logged reset (the user
# list's action), never edited in the admin: django-otp's own admin pages are taken away.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)

# Who may open the admin and do everything in it: kept with old and new values. (The password
# is changed on its own page and never recorded.)
USER_HISTORY_FIELDS = ["email", "full_name", "is_active", "is_staff", "is_superuser"]


class MembershipInline(LabelledInlineMixin, admin.TabularInline):
    model = Membership
    extra = 1
    # A plain select named by its aria-label: select2's box in a table row has no name.
    verbose_name = _("member")
    verbose_name_plural = _("members")


class UserMembershipInline(LabelledInlineMixin, admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(Department)
class DepartmentAdmin(ConfigHistoryAdmin, admin.ModelAdmin):
    """Departments and (inline) their members' roles; every change keeps old and new values."""

    list_display = ["name", "code", "inbox_email", "member_count", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code", "inbox_email"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("memberships"))

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count


@admin.register(User)
class UserAdmin(ConfigHistoryAdmin, DjangoUserAdmin):
    """A user's admin rights and (inline) roles are configuration: kept with old and new."""

    history_fields = USER_HISTORY_FIELDS
    ordering = ["full_name"]
    list_display = ["full_name", "email", "title", "is_active", "is_staff", "last_login"]
    list_filter = [
        "is_active",
        "is_staff",
        "is_superuser",
        "memberships__department",
        "memberships__role",
    ]
    search_fields = ["full_name", "email", "title"]
    inlines = [UserMembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Personal information"),
            {"fields": ("full_name", "title", "phone", "employee_id")},
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "title", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]
    actions = ["reset_second_factor"]

    @admin.action(description=_("Reset the second factor (lost phone)"))
    def reset_second_factor(self, request, queryset):
        try:
            for user in queryset:
                reset_two_factor(user=user, by=request.user, request=request)
        except TwoFactorError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(
            request, _("The second factor was reset; the user sets it up again at sign-in.")
        )


@admin.register(Membership)
class MembershipAdmin(ConfigHistoryAdmin, admin.ModelAdmin):
    """A role in a department decides what a user may see and do: history with old and new."""

    list_display = ["user", "department", "role", "created_at"]
    list_filter = ["role", "department"]
    search_fields = ["user__full_name", "user__email", "department__name"]
    autocomplete_fields = ["user", "department"]
    list_select_related = ["user", "department"]


class NoNulQueryAdmin:
    """PostgreSQL refuses text with a NUL byte: the change list's search and filters drop them."""

    def changelist_view(self, request, extra_context=None):
        cleaned = request.GET.copy()
        for key, values in request.GET.lists():
            cleaned.setlist(key, [value.replace("\x00", "") for value in values])
        request.GET = cleaned
        return super().changelist_view(request, extra_context)  # type: ignore[misc]


@admin.register(ClaimMapping)
class ClaimMappingAdmin(NoNulQueryAdmin, ConfigHistoryAdmin, admin.ModelAdmin):
    """Which group of the provider's claim gives which department and role (OIDC sign-in)."""

    list_display = ["claim_value", "department", "role"]
    list_filter = ["role", "department"]
    search_fields = ["claim_value", "department__name"]
    autocomplete_fields = ["department"]
    list_select_related = ["department"]


@admin.register(SignInEvent)
class SignInEventAdmin(NoNulQueryAdmin, admin.ModelAdmin):
    """The sign-in audit log: appended by the services, read here, never changed."""

    list_display = ["created_at", "kind", "username", "user", "ip_address", "detail", "actor"]
    list_filter = ["kind"]
    search_fields = ["username", "user__full_name", "detail"]
    list_select_related = ["user", "actor"]
    date_hierarchy = "created_at"
    fields = ("created_at", "kind", "username", "user", "ip_address", "detail", "actor")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
