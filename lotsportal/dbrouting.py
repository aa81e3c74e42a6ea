"""Which database serves a read: the primary, or a streaming replica for reports.

Statistics and downloads read a lot and write nothing, and a few seconds' lag does not change
what they show; everything else (pages that write, sign-in, sessions, the list a user just
changed) reads the primary, so a user always sees what they just did. When
``DATABASE_REPLICA_URL`` is set, ``settings.REPORTING_DATABASE`` is ``"replica"`` and:

- code that produces a report runs inside :func:`reporting_reads` (the statistics views do),
  and :class:`ReportingRouter` sends the reads inside it to the replica;
- a download that streams after the view has returned pins its queryset with
  ``.using(reporting_database())`` (a context variable would be gone by then);
- writes always go to the primary, even inside :func:`reporting_reads`, and nothing is ever
  migrated on the replica (PostgreSQL streams the primary's schema to it).

Without the setting ``reporting_database()`` is ``"default"`` and the router changes nothing.
See docs/scaling.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"

_reporting: ContextVar[bool] = ContextVar("reporting_reads", default=False)


def reporting_database() -> str:
    """The alias reports read from: the replica when one is configured, else the primary."""
    alias = getattr(settings, "REPORTING_DATABASE", DEFAULT_DB_ALIAS) or DEFAULT_DB_ALIAS
    return alias if alias in settings.DATABASES else DEFAULT_DB_ALIAS


@contextmanager
def reporting_reads() -> Iterator[str]:
    """Inside the block, reads go to :func:`reporting_database`; yields that alias."""
    token = _reporting.set(True)
    try:
        yield reporting_database()
    finally:
        _reporting.reset(token)


class ReportingRouter:
    """Reads inside :func:`reporting_reads` to the reporting database; all else the primary."""

    def db_for_read(self, model, **hints) -> str | None:
        if _reporting.get():
            return reporting_database()
        return None  # Django's default: the instance's own database, else "default"

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replica holds the same rows as the primary: an object read from one may point
        # at an object read from the other.
        same_data = {DEFAULT_DB_ALIAS, reporting_database()}
        if obj1._state.db in same_data and obj2._state.db in same_data:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        if db != DEFAULT_DB_ALIAS and db in (REPLICA, reporting_database()):
            return False  # a streaming replica gets its schema from the primary
        return None
