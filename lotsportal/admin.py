"""What every admin page of the portal shares: it reads through the portal's permission functions.

The admin is a view like any other (CONVENTIONS rule 17). ``PermissionFilteredAdmin`` is a mixin
for a ``ModelAdmin`` or an inline: every queryset the admin builds from ``get_queryset`` (the
change list and its search results, the change, history and delete pages, inlines, autocomplete
answers and raw-id popups) passes through one hook, ``visible_queryset(request, queryset)``, which
an app implements with its ``permissions.py`` (``visible_cases`` for cases). Choices of foreign
keys pointing to a filtered model are filtered the same way, and a delete confirmation page that
would list something the user may not see is refused.

``ServiceOnlyAdmin`` adds the rule for domain models: the admin only looks (view permission from
the portal's rule, ``may_view``); adding, changing and deleting go through services (admin
actions, or a ``save_model`` that calls one and a ``has_change_permission`` that says so).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import PermissionDenied
from django.db import router
from django.db.models import QuerySet


class PermissionFilteredAdmin:
    """Mix in before ``admin.ModelAdmin`` (or ``admin.TabularInline``)."""

    def visible_queryset(self, request, queryset: QuerySet) -> QuerySet:
        """The rows of ``queryset`` that ``request.user`` may see. Nothing unless told."""
        return queryset.none()

    def get_queryset(self, request):
        return self.visible_queryset(request, super().get_queryset(request))  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related_admin = self.admin_site._registry.get(db_field.related_model)  # type: ignore[attr-defined]
        if "queryset" not in kwargs and isinstance(related_admin, PermissionFilteredAdmin):
            kwargs["queryset"] = related_admin.get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def get_deleted_objects(self, objs, request):
        answer = super().get_deleted_objects(objs, request)  # type: ignore[misc]
        if reaches_hidden_rows(objs, request, self.admin_site):  # type: ignore[attr-defined]
            raise PermissionDenied
        return answer


def reaches_hidden_rows(objs, request, admin_site) -> bool:
    """Whether deleting ``objs`` would delete or be blocked by a row the user may not see.

    The confirmation page names every such row (a protected case by its number and title).
    """
    objs = list(objs)
    if not objs or request.user.is_superuser:
        return False
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    reached: dict[Any, set[Any]] = defaultdict(set)
    for collected_model, instances in collector.model_objs.items():
        reached[collected_model] |= {instance.pk for instance in instances}
    for instance in collector.protected:
        reached[type(instance)].add(instance.pk)
    for model, pks in reached.items():
        model_admin = admin_site._registry.get(model)
        if isinstance(model_admin, PermissionFilteredAdmin):
            if model_admin.get_queryset(request).filter(pk__in=pks).count() < len(pks):
                return True
    return False


class ServiceOnlyAdmin(PermissionFilteredAdmin):
    """A domain model: shown to whom the portal shows it, changed only through services."""

    def may_view(self, user) -> bool:
        """The portal's rule for opening these pages at all (the rows come from the hook)."""
        return False

    def has_view_permission(self, request, obj=None):
        return self.may_view(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LabelledInlineMixin:
    """A tabular inline's controls named for a screen reader: its column headings are not
    ``<label>``s, so each widget gets an ``aria-label`` with its field's name (and the row's
    delete box "Delete"). Mix in before ``admin.TabularInline``."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if formfield is not None:
            name = str(formfield.label or db_field.verbose_name)
            widget = formfield.widget
            for w in (widget, getattr(widget, "widget", None)):
                if w is not None:
                    w.attrs.setdefault("aria-label", name[:1].upper() + name[1:])
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        from django.utils.translation import gettext_lazy

        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]

        class Labelled(formset):  # type: ignore[misc, valid-type]
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs["aria-label"] = gettext_lazy("Delete")

        Labelled.__name__ = formset.__name__
        return Labelled
