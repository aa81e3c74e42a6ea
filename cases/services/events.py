"""Appending to a case's timeline (never editing it).

The event itself is built by its kind's builder in ``cases.events``; a service appends it in
its own transaction: ``record(events.routed(referral=referral, actor=by))``.
"""

from __future__ import annotations

from typing import Any

from .. import hooks
from ..events import definition_of
from ..models import Case, CaseEvent
from .access import sync_case_access


def record(event: CaseEvent) -> CaseEvent:
    """Save a built event, tell the change listeners (the case's id) and the event listeners
    (the event). Call inside the service's transaction, after the case itself is saved.

    First the case's ``CaseAccess`` is brought up to date (who may see it if confidential)."""
    event.save()
    sync_case_access(event.case_id)
    hooks.case_changed(event.case_id)
    for listener in hooks.event_listeners():
        listener(event)
    return event


def record_event(
    *, case: Case, kind: str, actor=None, payload: dict[str, Any] | None = None
) -> CaseEvent:
    """The former entry point, kept for code written before the builders (branches in flight):
    the payload is checked against its kind's definition. New code calls a builder."""
    return record(definition_of(kind).new(case=case, actor=actor, at=None, payload=payload or {}))
