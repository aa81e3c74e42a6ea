"""Who changed which setting, when, from what to what. Appended by the services, never edited."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConfigAction(models.TextChoices):
    CREATED = "created", _("Added")
    CHANGED = "changed", _("Changed")
    DELETED = "deleted", _("Deleted")


class ConfigChangeQuerySet(models.QuerySet):
    def of(self, model, object_id) -> "ConfigChangeQuerySet":
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id=str(object_id))


class ConfigChange(models.Model):
    """One change of a configuration row (a role, a retention period, a case type ...).

    ``changes`` maps each changed field's name to ``{"old": text, "new": text}``, the values as
    the admin showed them (a department by its name, a role by its label) at the time.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("kind of setting")
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("setting"), max_length=300)
    action = models.CharField(_("action"), max_length=10, choices=ConfigAction.choices)
    changes = models.JSONField(_("old and new values"), default=dict)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    actor_name = models.CharField(_("changed by (name)"), max_length=300)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    objects = ConfigChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("configuration change")
        verbose_name_plural = _("configuration changes")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="confighist_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.object_repr}: {self.get_action_display()}"

    def field_changes(self) -> list[tuple[str, str, str]]:
        """(field label, old, new) for each changed field, labels in today's language."""
        model = self.content_type.model_class()
        rows = []
        for name, values in self.changes.items():
            try:
                field = model._meta.get_field(name) if model else None
            except FieldDoesNotExist:
                field = None
            label = str(getattr(field, "verbose_name", name))
            rows.append((label, values.get("old", ""), values.get("new", "")))
        return rows
