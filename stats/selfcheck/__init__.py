"""The SS 884000 self-check: a registry of indicators, each measured from the portal's data.

An :class:`Indicator` belongs to one part of the standard (leadership, process, personnel)
and measures a :class:`Period` into a :class:`Measure` (value, unit, status, evidence link).
``stats`` registers its own indicators (``stats.selfcheck.builtin``); apps that ``stats`` may
not import (``development``) register theirs from their ``AppConfig.ready()`` through
:func:`register_indicator`. See docs/self-check.md.

Thresholds come from the setting ``SELFCHECK_THRESHOLDS`` (key -> ``{"green": x, "amber": y,
"lower_is_better": bool}``), falling back to the indicator's documented default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Part:
    PROCESS = "process"
    PERSONNEL = "personnel"
    LEADERSHIP = "leadership"


PARTS: dict[str, Promise] = {
    Part.LEADERSHIP: _("Leadership"),
    Part.PROCESS: _("Process"),
    Part.PERSONNEL: _("Personnel"),
}


class Status:
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"


STATUS_LABELS: dict[str, Promise] = {
    Status.GREEN: _("Met"),
    Status.AMBER: _("Partly met"),
    Status.RED: _("Not met"),
    Status.GREY: _("No data"),
}


@dataclass(frozen=True)
class Period:
    """The period measured, and who looks (case figures are the user's counted cases)."""

    start: date
    end: date
    user: object = None
    today: date | None = None

    @property
    def year(self) -> int:
        """The year of the yearly indicators (goals, review, diplomas): the period's last."""
        return self.end.year


@dataclass(frozen=True)
class Threshold:
    """Green at or above ``green``, amber at or above ``amber``, else red (reversed, at or
    below, when ``lower_is_better``)."""

    green: float
    amber: float
    lower_is_better: bool = False

    def status(self, value: float | None) -> str:
        if value is None:
            return Status.GREY
        if self.lower_is_better:
            if value <= self.green:
                return Status.GREEN
            return Status.AMBER if value <= self.amber else Status.RED
        if value >= self.green:
            return Status.GREEN
        return Status.AMBER if value >= self.amber else Status.RED


@dataclass(frozen=True)
class Measure:
    value: float | None
    unit: str
    status: str
    evidence_url: str = ""
    detail: str = ""

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @classmethod
    def of_share(
        cls, value: float | None, threshold: Threshold | None, *, evidence_url: str, detail: str
    ) -> Measure:
        """A percentage whose colour the indicator's threshold gives (grey without one)."""
        status = threshold.status(value) if threshold else Status.GREY
        return cls(value=value, unit="%", status=status, evidence_url=evidence_url, detail=detail)


@dataclass(frozen=True)
class Indicator:
    key: str
    part: str
    label: Promise | str
    measure: Callable[[Period, Threshold | None], Measure]
    # The default threshold; None for a yes/no indicator whose function decides the status.
    threshold: Threshold | None = None
    position: int = 100
    explanation: Promise | str = field(default="")


_REGISTRY: dict[str, Indicator] = {}


def register_indicator(indicator: Indicator) -> Indicator:
    """Add (or replace, by key: ``ready()`` may run twice in tests) an indicator."""
    if indicator.part not in PARTS:
        raise ValueError(f"Unknown part of the standard: {indicator.part!r}")
    _REGISTRY[indicator.key] = indicator
    return indicator


def unregister_indicator(key: str) -> None:
    _REGISTRY.pop(key, None)


def indicators() -> list[Indicator]:
    return sorted(_REGISTRY.values(), key=lambda i: (list(PARTS).index(i.part), i.position, i.key))


def threshold_for(indicator: Indicator) -> Threshold | None:
    """The configured threshold (``SELFCHECK_THRESHOLDS[key]``), else the default."""
    configured = getattr(settings, "SELFCHECK_THRESHOLDS", {}).get(indicator.key)
    if configured is None:
        return indicator.threshold
    return Threshold(
        green=configured["green"],
        amber=configured["amber"],
        lower_is_better=configured.get("lower_is_better", False),
    )
