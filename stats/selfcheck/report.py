"""The self-check of a period: every registered indicator measured, per part, and the same
rows as a downloadable table."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from lotsportal.spreadsheets import Table

from . import PARTS, Indicator, Measure, Period, Threshold, indicators, threshold_for


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    measure: Measure
    threshold: Threshold | None

    @property
    def value_text(self) -> str:
        value = self.measure.value
        if value is None:
            return "–"
        number = f"{value:.0f}" if isinstance(value, float) else str(value)
        return f"{number} {self.measure.unit}".strip()

    @property
    def threshold_text(self) -> str:
        t = self.threshold
        if t is None:
            return _("See the status")
        unit = self.measure.unit
        sign = "≤" if t.lower_is_better else "≥"
        return _("green %(sign)s %(green)s%(unit)s, amber %(sign)s %(amber)s%(unit)s") % {
            "sign": sign,
            "green": f"{t.green:g}",
            "amber": f"{t.amber:g}",
            "unit": f" {unit}" if unit else "",
        }


@dataclass(frozen=True)
class PartRows:
    key: str
    label: str
    rows: list[Row]


def self_check(period: Period) -> list[PartRows]:
    """Measure every registered indicator, grouped by part in the standard's order."""
    grouped: dict[str, list[Row]] = {key: [] for key in PARTS}
    for indicator in indicators():
        threshold = threshold_for(indicator)
        grouped[indicator.part].append(
            Row(indicator, indicator.measure(period, threshold), threshold)
        )
    return [PartRows(key, str(PARTS[key]), grouped[key]) for key in PARTS]


def self_check_table(parts: list[PartRows], *, base_url: str) -> Table:
    headers = [
        _("Part"),
        _("Indicator"),
        _("Status"),
        _("Value"),
        _("Threshold"),
        _("Detail"),
        _("Evidence"),
    ]
    rows = [
        [
            part.label,
            str(row.indicator.label),
            row.measure.status_label,
            row.measure.value,
            row.threshold_text,
            row.measure.detail,
            base_url + row.measure.evidence_url if row.measure.evidence_url else "",
        ]
        for part in parts
        for row in part.rows
    ]
    return Table(name="lotsstandard", title=_("SS 884000 self-check"), headers=headers, rows=rows)
