"""The case list's drop-down choices, kept in the cache (Redis in deployment).

The filter bar offers the active departments, the case types, the doors and the officials
(twice: coordinator and assignee) on every request: five queries and a hundred model instances
for lists that change a few times a year. They are read here with one cache round trip
(``get_many``) and from the database only when missing, then kept for ``CHOICES_TIMEOUT``.

Forgetting: a save or delete of a department, case type, door, user or membership forgets its
list at once and again when the transaction commits (``post_save``/``post_delete``, connected
in ``cases.apps``; a user's login, which only writes ``last_login``, does not), so a new row is
in the drop-down on the next request. Writes that bypass the signals (``bulk_create`` in the
generator, ``QuerySet.update``) call ``forget_choices()``; the timeout bounds anything missed.

The labels are the rows' own names, the same in every language, so one entry serves Swedish
and English; the translated options ("---------", "Assigned to me") are added per request.
A cache that is down or does not answer costs one short timeout (the cache's socket timeout)
and the lists are read from the database: the page works, logged at WARNING.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction

from accounts.models import Department, Membership, User
from lotsportal.public_forms import CACHE_ERRORS

from .models import CaseType, Door

logger = logging.getLogger(__name__)

CHOICES_TIMEOUT = 600  # seconds; the signals forget a list at once, this bounds what they miss
KEY_PREFIX = "cases:choices:v1:"

Choices = list[tuple[int, str]]


def _departments() -> Choices:
    return list(Department.objects.active().order_by("name", "pk").values_list("pk", "name"))


def _case_types() -> Choices:
    return list(CaseType.objects.order_by("position", "name", "pk").values_list("pk", "name"))


def _doors() -> Choices:
    return list(Door.objects.order_by("position", "name", "pk").values_list("pk", "name"))


def _officials() -> list[tuple[int, str, str]]:
    """Active users with a department, by name: (pk, full name, e-mail)."""
    from .selectors import officials

    rows = officials().order_by("full_name", "pk").values_list("pk", "full_name", "email")
    return list(rows)


SOURCES: dict[str, Callable[[], list]] = {
    "departments": _departments,
    "case_types": _case_types,
    "doors": _doors,
    "officials": _officials,
}


def _key(name: str) -> str:
    # With the database's name: two installations (or a benchmark's databases) that share one
    # Redis without their own KEY_PREFIX never read each other's lists.
    return f"{KEY_PREFIX}{connection.settings_dict['NAME']}:{name}"


def _cached(names: tuple[str, ...]) -> dict[str, list]:
    """The lists ``names``: from the cache, the missing ones read and stored."""
    try:
        found = cache.get_many([_key(name) for name in names])
    except CACHE_ERRORS as error:
        logger.warning(
            "Drop-down choices read from the database, the cache is unreachable (%s: %s).",
            type(error).__name__,
            error,
        )
        return {name: SOURCES[name]() for name in names}
    lists = {name: found[_key(name)] for name in names if _key(name) in found}
    missing = {name: SOURCES[name]() for name in names if name not in lists}
    if missing:
        try:
            cache.set_many({_key(n): rows for n, rows in missing.items()}, CHOICES_TIMEOUT)
        except CACHE_ERRORS as error:
            logger.warning("Drop-down choices not cached (%s: %s).", type(error).__name__, error)
    return {**lists, **missing}


class ChoiceLists:
    """The drop-downs' lists for one request: the first one asked for fetches them all in one
    cache round trip."""

    def __init__(self) -> None:
        self._lists: dict[str, list] | None = None

    def get(self, name: str) -> list:
        if self._lists is None:
            self._lists = _cached(tuple(SOURCES))
        return self._lists[name]

    def departments(self) -> Choices:
        return self.get("departments")

    def case_types(self) -> Choices:
        return self.get("case_types")

    def doors(self) -> Choices:
        return self.get("doors")

    def coordinators(self) -> Choices:
        """As the coordinator drop-down names them (``str(user)``: the name, else e-mail)."""
        return [(pk, name or email) for pk, name, email in self.get("officials")]

    def assignees(self) -> Choices:
        return [(pk, name) for pk, name, _email in self.get("officials")]


def forget_choices(*names: str) -> None:
    """Forget the cached lists ``names`` (all when none named), now and at commit."""
    keys = [_key(name) for name in (names or tuple(SOURCES))]

    def forget() -> None:
        try:
            cache.delete_many(keys)
        except CACHE_ERRORS as error:
            logger.warning(
                "Drop-down choices not forgotten, the cache is unreachable (%s: %s); they "
                "expire within %s s.",
                type(error).__name__,
                error,
                CHOICES_TIMEOUT,
            )

    forget()
    transaction.on_commit(forget)


# What each model's rows feed.
FED_BY = {
    Department: ("departments",),
    CaseType: ("case_types",),
    Door: ("doors",),
    User: ("officials",),
    Membership: ("officials",),
}


def _row_changed(sender, instance=None, update_fields=None, **kwargs) -> None:
    if sender is User and update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a login: no name, activity or membership changed
    forget_choices(*FED_BY[sender])


def connect_receivers() -> None:
    from django.db.models.signals import post_delete, post_save

    for model in FED_BY:
        uid = f"cases.choices.{model._meta.label_lower}"
        post_save.connect(_row_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"{uid}.delete")
