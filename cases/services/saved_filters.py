"""Saving, renaming, sharing and deleting the case list's filters ("Mina filter")."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Department

from .. import permissions
from ..errors import CaseError, NotPermitted
from ..models import SavedFilter
from ..models.saved_filters import NAME_LENGTH, QUERY_LENGTH
from ..selectors import clean_filter_query

MAX_SAVED_FILTERS = 50  # per official


def _checked_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise CaseError(_("Give the filter a name."))
    if len(name) > NAME_LENGTH:
        raise CaseError(_("The name can be at most %(n)s characters long.") % {"n": NAME_LENGTH})
    return name


def _checked_share(by, shared_with: Department | None) -> Department | None:
    if shared_with is not None and not permissions.may_share_filter_with(by, shared_with.pk):
        raise CaseError(_("You can share a filter only with a department you belong to."))
    return shared_with


@transaction.atomic
def save_filter(*, by, name: str, query: str, shared_with: Department | None = None) -> SavedFilter:
    """The list's current filter (``query``, the list's query string) saved under ``name``:
    only what the filter form accepts is kept; a filter with errors is refused."""
    if not permissions.can_save_filter(by):
        raise NotPermitted()
    name = _checked_name(name)
    shared_with = _checked_share(by, shared_with)
    cleaned = clean_filter_query(by, query[: QUERY_LENGTH * 2])
    if cleaned.gone:
        raise CaseError(
            _("The filter has errors (%(fields)s); correct them before saving it.")
            % {"fields": ", ".join(cleaned.gone)}
        )
    if len(cleaned.query) > QUERY_LENGTH:
        raise CaseError(_("The filter is too long to save."))
    if SavedFilter.objects.filter(owner=by).count() >= MAX_SAVED_FILTERS:
        raise CaseError(
            _("You can save at most %(n)s filters; delete one first.") % {"n": MAX_SAVED_FILTERS}
        )
    return SavedFilter.objects.create(
        owner=by, name=name, query=cleaned.query, shared_with=shared_with
    )


@transaction.atomic
def change_filter(
    *, saved: SavedFilter, by, name: str, shared_with: Department | None
) -> SavedFilter:
    """Rename a saved filter, and share it with a department or keep it private."""
    if not permissions.can_change_saved_filter(by, saved):
        raise NotPermitted()
    saved.name = _checked_name(name)
    saved.shared_with = _checked_share(by, shared_with)
    saved.save(update_fields=["name", "shared_with"])
    return saved


@transaction.atomic
def delete_filter(*, saved: SavedFilter, by) -> None:
    if not permissions.can_change_saved_filter(by, saved):
        raise NotPermitted()
    saved.delete()
