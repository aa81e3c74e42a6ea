"""Business development's indicators in the SS 884000 self-check (``stats.selfcheck``):
company visits against the year's goal and improvement ideas realised, both for the
standard's leadership part. Registered from ``DevelopmentConfig.ready()``; see
docs/self-check.md."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from stats.selfcheck import (
    Indicator,
    Measure,
    Part,
    Period,
    Status,
    Threshold,
    register_indicator,
)

from .models import Idea
from .selectors import goal_progress
from .workflow import IdeaStatus


def visits_against_goal(period: Period, threshold: Threshold | None) -> Measure:
    """Held company visits of the period's year as a share of the year's visit goal."""
    progress = goal_progress(period.year)
    value = progress.held * 100 / progress.goal if progress.goal else None
    if progress.goal:
        detail = _("%(held)s of %(goal)s visits held") % {
            "held": progress.held,
            "goal": progress.goal,
        }
    else:
        detail = _("No visit goal set for %(year)s") % {"year": period.year}
    return Measure(
        value=value,
        unit="%",
        status=threshold.status(value) if threshold else Status.GREY,
        evidence_url=f"{reverse('development:statistics')}?{urlencode({'year': period.year})}",
        detail=detail,
    )


def ideas_realised(period: Period, threshold: Threshold | None) -> Measure:
    """Improvement ideas realised (status "realised", realised date in the period)."""
    count = Idea.objects.filter(
        status=IdeaStatus.REALISED, realised_on__gte=period.start, realised_on__lte=period.end
    ).count()
    return Measure(
        value=count,
        unit="",
        status=threshold.status(count) if threshold else Status.GREY,
        evidence_url=f"{reverse('development:idea_list')}?{urlencode({'status': 'realised'})}",
        detail=ngettext(
            "%(count)s idea realised in the period", "%(count)s ideas realised in the period", count
        )
        % {"count": count},
    )


def register() -> None:
    register_indicator(
        Indicator(
            key="visits_against_goal",
            part=Part.LEADERSHIP,
            label=gettext_lazy("Company visits against the year's goal"),
            measure=visits_against_goal,
            threshold=Threshold(green=100, amber=75),
            position=30,
        )
    )
    register_indicator(
        Indicator(
            key="ideas_realised",
            part=Part.LEADERSHIP,
            label=gettext_lazy("Improvement ideas realised in the period"),
            measure=ideas_realised,
            threshold=Threshold(green=3, amber=1),
            position=40,
        )
    )
