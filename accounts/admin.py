from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from confighistory.admin import ConfigHistoryAdmin
from lotsportal.admin import LabelledInlineMixin

from .models import Department, Membership, User

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
        (_("Personal information"), {"fields": ("full_name", "title", "phone")}),
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


@admin.register(Membership)
class MembershipAdmin(ConfigHistoryAdmin, admin.ModelAdmin):
    """A role in a department decides what a user may see and do: history with old and new."""

    list_display = ["user", "department", "role", "created_at"]
    list_filter = ["role", "department"]
    search_fields = ["user__full_name", "user__email", "department__name"]
    autocomplete_fields = ["user", "department"]
    list_select_related = ["user", "department"]
