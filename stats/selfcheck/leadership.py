"""The leadership indicators kept in ``stats``: the year's goals and the management review."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import ManagementReview, YearGoal
from . import Indicator, Measure, Part, Period, Status, Threshold, register_indicator


def year_goals(period: Period, threshold: Threshold | None) -> Measure:
    """How many of the year's three goals (NKI, visits, guarantees) are set in admin."""
    goal = YearGoal.objects.filter(year=period.year).first()
    targets = goal.targets_set if goal else 0
    if targets == 3:
        status = Status.GREEN
    else:
        status = Status.AMBER if targets else Status.RED
    if goal is None:
        detail = _("No goals set for %(year)s") % {"year": period.year}
    else:
        detail = _("NKI %(nki)s, visits %(visits)s, guarantees kept %(guarantees)s %%") % {
            "nki": goal.nki_target if goal.nki_target is not None else "–",
            "visits": goal.visits_target if goal.visits_target is not None else "–",
            "guarantees": goal.guarantee_target if goal.guarantee_target is not None else "–",
        }
    return Measure(
        value=targets,
        unit=_("of 3"),
        status=status,
        evidence_url=reverse("admin:stats_yeargoal_changelist"),
        detail=detail,
    )


def management_review(period: Period, threshold: Threshold | None) -> Measure:
    """A management review recorded for the year: green; none yet while the year runs: amber;
    none for a year that is over: red."""
    review = ManagementReview.objects.filter(year=period.year).order_by("-held_on").first()
    today = period.today or timezone.localdate()
    if review is not None:
        status = Status.GREEN
        detail = _("Held %(day)s") % {"day": review.held_on.isoformat()}
    elif today.year <= period.year:
        status, detail = Status.AMBER, _("Not yet held this year")
    else:
        status, detail = Status.RED, _("No review recorded for %(year)s") % {"year": period.year}
    return Measure(
        value=1 if review else 0,
        unit=_("recorded"),
        status=status,
        evidence_url=f"{reverse('stats:selfcheck_review')}?year={period.year}",
        detail=detail,
    )


def register() -> None:
    register_indicator(
        Indicator(
            key="year_goals",
            part=Part.LEADERSHIP,
            label=gettext_lazy("Goals set for the year (NKI, visits, guarantees)"),
            measure=year_goals,
            position=10,
        )
    )
    register_indicator(
        Indicator(
            key="management_review",
            part=Part.LEADERSHIP,
            label=gettext_lazy("Yearly management review recorded"),
            measure=management_review,
            position=20,
        )
    )
