"""Appending to a case's timeline (never editing it)."""

from __future__ import annotations

from django.utils import timezone

from ..models import Case, CaseEvent
from ..models.activity import PUBLIC_EVENT_KINDS


def record_event(*, case: Case, kind: str, actor=None, payload: dict | None = None) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        created_at=timezone.now(),
        payload=payload or {},
        is_public=kind in PUBLIC_EVENT_KINDS,
    )
