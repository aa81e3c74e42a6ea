"""The one write path for configuration rows edited in the admin, with their history.

``save_configuration`` and ``delete_configuration`` check the user's model permission, lock the
row, write it and append a ``ConfigChange`` with the old and new values in the same transaction.
The admin's ``save_model``/``delete_model``/``save_formset`` call them (``ConfigHistoryAdmin``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import ConfigAction, ConfigChange


class NotPermittedToConfigure(Exception):
    """The user lacks the model permission (``<app>.change_<model>`` and the like)."""

    def __init__(self) -> None:
        self.message = _("You may not change this setting.")
        super().__init__(str(self.message))


def _check_permission(by, instance: models.Model, action: str) -> None:
    opts = instance._meta
    if not (by and by.is_active and by.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")):
        raise NotPermittedToConfigure()


def _tracked_fields(instance: models.Model, names: Iterable[str] | None) -> list[models.Field]:
    wanted = set(names) if names is not None else None
    return [
        field
        for field in instance._meta.concrete_fields
        if not field.primary_key and field.editable and (wanted is None or field.name in wanted)
    ]


def _shown(instance: models.Model, field: models.Field) -> str:
    """The value as the admin shows it, in the portal's language: a label, a name, a number."""
    if field.is_relation:
        related = getattr(instance, field.name)
        return "" if related is None else str(related)
    value = field.value_from_object(instance)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return "" if value is None else str(value)


def _record(
    *, instance: models.Model, by, action: str, changes: dict[str, dict[str, str]]
) -> ConfigChange:
    with translation.override(settings.LANGUAGE_CODE):
        object_repr = str(instance)[:300]
    return ConfigChange.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=object_repr,
        action=action,
        changes=changes,
        actor=by,
        actor_name=(by.get_full_name() or by.get_username())[:300],
    )


@transaction.atomic
def save_configuration(
    *, instance: models.Model, by, fields: Iterable[str] | None = None
) -> ConfigChange | None:
    """Add or change ``instance`` as it is in memory; history for ``fields`` (all by default).

    Returns the history row, or None when nothing tracked changed.
    """
    adding = instance._state.adding or instance.pk is None
    _check_permission(by, instance, "add" if adding else "change")
    tracked = _tracked_fields(instance, fields)
    with translation.override(settings.LANGUAGE_CODE):
        if adding:
            instance.save()
            changes = {
                field.name: {"old": "", "new": shown}
                for field in tracked
                if (shown := _shown(instance, field))
            }
            return _record(instance=instance, by=by, action=ConfigAction.CREATED, changes=changes)
        model = type(instance)
        before = model._default_manager.select_for_update().get(pk=instance.pk)
        changes = {
            field.name: {"old": _shown(before, field), "new": _shown(instance, field)}
            for field in tracked
            if field.value_from_object(before) != field.value_from_object(instance)
        }
        instance.save()
    if not changes:
        return None
    return _record(instance=instance, by=by, action=ConfigAction.CHANGED, changes=changes)


@transaction.atomic
def delete_configuration(
    *, instance: models.Model, by, fields: Iterable[str] | None = None
) -> ConfigChange:
    """Delete ``instance``, keeping what it held in the history."""
    _check_permission(by, instance, "delete")
    with translation.override(settings.LANGUAGE_CODE):
        changes = {
            field.name: {"old": shown, "new": ""}
            for field in _tracked_fields(instance, fields)
            if (shown := _shown(instance, field))
        }
    change = _record(instance=instance, by=by, action=ConfigAction.DELETED, changes=changes)
    instance.delete()
    return change
