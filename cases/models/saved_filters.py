"""A filter of the case list an official saved under a name ("Mina filter"), kept private or
shared with one of their departments (as Signalen's StoredSignalFilter, helpdesk's SavedSearch)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

NAME_LENGTH = 100
QUERY_LENGTH = 2000


class SavedFilter(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_case_filters",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    # The list's query string as the filter form accepted it (only its valid, known fields).
    query = models.CharField(_("filter"), max_length=QUERY_LENGTH, blank=True)
    shared_with = models.ForeignKey(
        "accounts.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shared with"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved case filter")
        verbose_name_plural = _("saved case filters")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["shared_with"], name="cases_savedfilter_shared"),
        ]

    def __str__(self) -> str:
        return self.name
