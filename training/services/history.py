"""Appending to the training history (never editing it).

The event itself is built by its kind's builder in ``training.events``; a service appends it
in its own transaction: ``record(events.course_created(course=course, by=by))``.
"""

from __future__ import annotations

from training.models import TrainingEvent


def record(event: TrainingEvent) -> TrainingEvent:
    """Save a built event. Call inside the service's transaction."""
    event.save()
    return event
