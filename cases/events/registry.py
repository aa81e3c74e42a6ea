"""The registry of event kinds: a definition per kind, the one place a ``CaseEvent`` is built
(``EventDefinition.new``), and the lookups the timeline, the retention rule and the API use."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from ..models import (
    Case,
    CaseEvent,
    EventKind,
)

if TYPE_CHECKING:
    from accounts.models import User


Builder = TypeVar("Builder", bound=Callable[..., CaseEvent])


class EventDefinition:
    """One kind of event: its payload, who sees it, its personal keys, its fragment, its builder."""

    def __init__(
        self, kind: EventKind, payload: type, *, personal: tuple[str, ...], public: bool
    ) -> None:
        self.kind = kind
        self.payload = payload
        self.required_keys: frozenset[str] = frozenset(payload.__required_keys__)  # type: ignore[attr-defined]
        self.keys: frozenset[str] = self.required_keys | payload.__optional_keys__  # type: ignore[attr-defined]
        self.personal_keys = frozenset(personal)
        self.public = public
        self.builder: Callable[..., CaseEvent] | None = None
        if not self.personal_keys <= self.keys:
            raise ImproperlyConfigured(f"{kind}: personal keys not in its payload")

    @property
    def template(self) -> str:
        return f"cases/events/{self.kind}.html"

    def builds(self, function: Builder) -> Builder:
        """Decorator: ``function`` is this kind's one builder."""
        if self.builder is not None:
            raise ImproperlyConfigured(f"{self.kind} has a builder already")
        self.builder = function
        return function

    def new(
        self, *, case: Case, actor: User | None, at: datetime | None, payload: Mapping[str, Any]
    ) -> CaseEvent:
        """The unsaved event; refuses a payload that differs from the declared one."""
        given = set(payload)
        if not given <= self.keys or not self.required_keys <= given:
            raise ValueError(
                f"{self.kind}: payload keys {sorted(given)} do not match {sorted(self.keys)}"
            )
        return CaseEvent(
            case=case,
            kind=self.kind,
            actor=actor,
            created_at=at or timezone.now(),
            payload=dict(payload),
            is_public=self.public,
        )


REGISTRY: dict[str, EventDefinition] = {}


def define(
    kind: EventKind, payload: type, *, personal: tuple[str, ...] = (), public: bool = False
) -> EventDefinition:
    if kind in REGISTRY:
        raise ImproperlyConfigured(f"The event kind {kind} is defined twice")
    REGISTRY[kind] = definition = EventDefinition(kind, payload, personal=personal, public=public)
    return definition


def definition_of(kind: str) -> EventDefinition:
    return REGISTRY[kind]


def template_for(kind: str) -> str:
    return REGISTRY[kind].template


def personal_payload_keys() -> dict[str, frozenset[str]]:
    """Per kind, the payload keys the retention rule blanks (kinds without any left out)."""
    return {kind: d.personal_keys for kind, d in REGISTRY.items() if d.personal_keys}
