"""The timeline of visits, workshops and ideas: appended, never edited."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DevelopmentEventKind(models.TextChoices):
    VISIT_PLANNED = "visit_planned", _("Visit planned")
    VISIT_HELD = "visit_held", _("Visit held")
    VISIT_EDITED = "visit_edited", _("Visit edited")
    VISIT_CANCELLED = "visit_cancelled", _("Visit cancelled")
    INSIGHT_ADDED = "insight_added", _("Insight added")
    INSIGHT_EDITED = "insight_edited", _("Insight corrected")
    CASE_OPENED = "case_opened", _("Case opened from an insight")
    WORKSHOP_CREATED = "workshop_created", _("Workshop created")
    WORKSHOP_PEOPLE = "workshop_people", _("Participants changed")
    IDEA_PROPOSED = "idea_proposed", _("Idea proposed")
    IDEA_EDITED = "idea_edited", _("Idea edited")
    IDEA_MOVED = "idea_moved", _("Status changed")
    IDEA_PUBLISHED = "idea_published", _("Publication changed")


class DevelopmentEvent(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=DevelopmentEventKind.choices)
    visit = models.ForeignKey(
        "development.Visit", on_delete=models.CASCADE, null=True, related_name="events"
    )
    workshop = models.ForeignKey(
        "development.Workshop", on_delete=models.CASCADE, null=True, related_name="events"
    )
    idea = models.ForeignKey(
        "development.Idea", on_delete=models.CASCADE, null=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    payload = models.JSONField(default=dict)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Development events are appended, never changed.")
        super().save(*args, **kwargs)

    @property
    def template_name(self) -> str:
        return f"development/events/{self.kind}.html"
