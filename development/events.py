"""Every kind of business-development timeline event, defined once (CONVENTIONS rule 18).

Each ``DevelopmentEventKind`` has one keyword-only builder with a typed payload returning the
unsaved ``DevelopmentEvent``; a service saves it with ``services.history.record`` in its
transaction. Its fragment is ``templates/development/events/<kind>.html``. The payloads hold no
personal data beyond the reason for a rejection, written by an official (``PERSONAL_KEYS``).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, TypedDict

from .models import DevelopmentEvent, DevelopmentEventKind

if TYPE_CHECKING:
    from .models import Idea, Insight, Visit, Workshop

PERSONAL_KEYS: dict[str, tuple[str, ...]] = {
    DevelopmentEventKind.IDEA_MOVED: ("reason",),
    DevelopmentEventKind.VISIT_CANCELLED: ("reason",),
    DevelopmentEventKind.WORKSHOP_PEOPLE: ("guests_added", "guests_removed"),
}


class VisitPayload(TypedDict):
    date: str


class InsightPayload(TypedDict):
    insight: int
    theme: str


class CaseOpenedPayload(TypedDict):
    insight: int
    case: int
    number: str


class IdeaMovedPayload(TypedDict):
    from_status: str
    to_status: str
    reason: str


class PublishedPayload(TypedDict):
    published: bool


class EditedPayload(TypedDict):
    fields: list[str]


class InsightEditedPayload(TypedDict):
    insight: int
    fields: list[str]


class WorkshopPeoplePayload(TypedDict):
    officials_added: list[str]
    officials_removed: list[str]
    # The invited business owners' names (personal data, PERSONAL_KEYS).
    guests_added: list[str]
    guests_removed: list[str]


class VisitCancelledPayload(TypedDict):
    from_status: str
    reason: str
    # LOTS-year activities withdrawn (waiting for approval) and kept (already approved).
    withdrawn: int
    kept: int


def _event(
    kind: str, payload: Any, actor, at: datetime.datetime | None, **target: Any
) -> DevelopmentEvent:
    event = DevelopmentEvent(kind=kind, payload=dict(payload), actor=actor, **target)
    if at is not None:
        event.at = at
    return event


def visit_planned(*, visit: Visit, actor, at: datetime.datetime | None = None):
    payload = VisitPayload(date=visit.date.isoformat())
    return _event(DevelopmentEventKind.VISIT_PLANNED, payload, actor, at, visit=visit)


def visit_held(*, visit: Visit, actor, at: datetime.datetime | None = None):
    payload = VisitPayload(date=visit.date.isoformat())
    return _event(DevelopmentEventKind.VISIT_HELD, payload, actor, at, visit=visit)


def visit_edited(*, visit: Visit, fields: list[str], actor, at: datetime.datetime | None = None):
    payload = EditedPayload(fields=sorted(fields))
    return _event(DevelopmentEventKind.VISIT_EDITED, payload, actor, at, visit=visit)


def visit_cancelled(
    *,
    visit: Visit,
    from_status: str,
    reason: str,
    withdrawn: int = 0,
    kept: int = 0,
    actor,
    at: datetime.datetime | None = None,
):
    payload = VisitCancelledPayload(
        from_status=from_status, reason=reason, withdrawn=withdrawn, kept=kept
    )
    return _event(DevelopmentEventKind.VISIT_CANCELLED, payload, actor, at, visit=visit)


def insight_edited(
    *, insight: Insight, fields: list[str], actor, at: datetime.datetime | None = None
):
    payload = InsightEditedPayload(insight=insight.pk, fields=sorted(fields))
    return _event(DevelopmentEventKind.INSIGHT_EDITED, payload, actor, at, visit=insight.visit)


def insight_added(*, insight: Insight, actor, at: datetime.datetime | None = None):
    payload = InsightPayload(insight=insight.pk, theme=insight.theme.name)
    return _event(DevelopmentEventKind.INSIGHT_ADDED, payload, actor, at, visit=insight.visit)


def case_opened(*, insight: Insight, case, actor, at: datetime.datetime | None = None):
    payload = CaseOpenedPayload(insight=insight.pk, case=case.pk, number=case.number)
    return _event(DevelopmentEventKind.CASE_OPENED, payload, actor, at, visit=insight.visit)


def workshop_created(*, workshop: Workshop, actor, at: datetime.datetime | None = None):
    payload = VisitPayload(date=workshop.date.isoformat())
    return _event(DevelopmentEventKind.WORKSHOP_CREATED, payload, actor, at, workshop=workshop)


def workshop_people(
    *,
    workshop: Workshop,
    officials_added: list[str] | tuple = (),
    officials_removed: list[str] | tuple = (),
    guests_added: list[str] | tuple = (),
    guests_removed: list[str] | tuple = (),
    actor,
    at: datetime.datetime | None = None,
):
    payload = WorkshopPeoplePayload(
        officials_added=sorted(officials_added),
        officials_removed=sorted(officials_removed),
        guests_added=sorted(guests_added),
        guests_removed=sorted(guests_removed),
    )
    return _event(DevelopmentEventKind.WORKSHOP_PEOPLE, payload, actor, at, workshop=workshop)


def idea_proposed(*, idea: Idea, actor, at: datetime.datetime | None = None):
    payload = PublishedPayload(published=False)
    return _event(DevelopmentEventKind.IDEA_PROPOSED, payload, actor, at, idea=idea)


def idea_edited(*, idea: Idea, fields: list[str], actor, at: datetime.datetime | None = None):
    payload = EditedPayload(fields=sorted(fields))
    return _event(DevelopmentEventKind.IDEA_EDITED, payload, actor, at, idea=idea)


def idea_moved(
    *,
    idea: Idea,
    from_status: str,
    reason: str = "",
    actor,
    at: datetime.datetime | None = None,
):
    payload = IdeaMovedPayload(from_status=from_status, to_status=idea.status, reason=reason)
    return _event(DevelopmentEventKind.IDEA_MOVED, payload, actor, at, idea=idea)


def idea_published(*, idea: Idea, actor, at: datetime.datetime | None = None):
    payload = PublishedPayload(published=idea.published)
    return _event(DevelopmentEventKind.IDEA_PUBLISHED, payload, actor, at, idea=idea)


BUILDERS = {
    DevelopmentEventKind.VISIT_PLANNED: visit_planned,
    DevelopmentEventKind.VISIT_HELD: visit_held,
    DevelopmentEventKind.VISIT_EDITED: visit_edited,
    DevelopmentEventKind.VISIT_CANCELLED: visit_cancelled,
    DevelopmentEventKind.INSIGHT_ADDED: insight_added,
    DevelopmentEventKind.INSIGHT_EDITED: insight_edited,
    DevelopmentEventKind.CASE_OPENED: case_opened,
    DevelopmentEventKind.WORKSHOP_CREATED: workshop_created,
    DevelopmentEventKind.WORKSHOP_PEOPLE: workshop_people,
    DevelopmentEventKind.IDEA_PROPOSED: idea_proposed,
    DevelopmentEventKind.IDEA_EDITED: idea_edited,
    DevelopmentEventKind.IDEA_MOVED: idea_moved,
    DevelopmentEventKind.IDEA_PUBLISHED: idea_published,
}
