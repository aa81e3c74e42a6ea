"""Appending to the business-development timeline (never editing it)."""

from __future__ import annotations

from ..models import DevelopmentEvent


def record(event: DevelopmentEvent) -> DevelopmentEvent:
    """Save an event built by ``development.events``; call inside the service's transaction."""
    event.save()
    return event
