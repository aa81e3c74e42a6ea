"""What every training admin shares: it opens to LOTS coordinators only, its querysets go
through ``permissions.coordinated``, and the domain records are read-only (their states change
only through the services the actions call)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..errors import TrainingError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from accounts.models import User


def admin_user(request: HttpRequest) -> User:
    """The admin's signed-in user (the admin site lets only active staff in)."""
    from accounts.models import User

    user = request.user
    assert isinstance(user, User)  # noqa: S101 (a type narrowing)
    return user


class CoordinatorAdmin(admin.ModelAdmin):
    """Open to coordinators only; the queryset filtered as the coordinator pages are."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_administer_training(request.user) and super().has_module_permission(
            request
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_administer_training(request.user) and super().has_view_permission(
            request, obj
        )

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return permissions.can_administer_training(request.user) and super().has_add_permission(
            request, *args
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_administer_training(request.user) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_administer_training(request.user) and super().has_delete_permission(
            request, obj
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return permissions.coordinated(request.user, super().get_queryset(request))


class DomainRecordAdmin(CoordinatorAdmin):
    """A record whose state only services change: shown, never added, edited or deleted here."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        # Unreachable through the admin's pages (no change permission): a last guard.
        raise TrainingError(_("Change this through the LOTS year's pages."))

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        raise TrainingError(_("Change this through the LOTS year's pages."))


def run_each(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Any],
    call: Any,
    *,
    done_message: StrOrPromise,
) -> None:
    """Call a service for each chosen record; a refusal is shown by name, the rest go on, and
    ``done_message`` is shown when at least one went through."""
    done = 0
    for obj in queryset:
        try:
            call(obj)
        except TrainingError as refused:
            modeladmin.message_user(request, f"{obj}: {refused}", messages.WARNING)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message, messages.SUCCESS)
