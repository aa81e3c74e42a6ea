"""The demo's business development: a year of visits, two workshops, ideas in every state,
some realised and published; seeded once."""

import pytest
from django.utils import timezone

from demo.services.development import seed_development
from demo.services.reference import ensure_demo_people, ensure_reference_data
from development.models import Idea, Insight, Visit, Workshop
from development.selectors import public_improvements
from development.workflow import IdeaStatus, VisitStatus
from tests.cases.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_year_of_visits_and_ideas_in_every_state_once():
    ensure_demo_people(ensure_reference_data().departments)
    for _ in range(24):
        CompanyFactory()
    lines: list[str] = []

    seed_development(lines.append)
    seed_development(lines.append)

    assert Visit.objects.count() == 24 and Insight.objects.count() == 48
    dates = Visit.objects.values_list("date", flat=True)
    assert (max(dates) - min(dates)).days > 300 and max(dates) <= timezone.localdate()
    assert set(Visit.objects.values_list("status", flat=True)) == {VisitStatus.HELD}
    # Each insight is dated on its visit's day (not the seeding day): a real lead time.
    for insight in Insight.objects.select_related("visit"):
        assert timezone.localtime(insight.created_at).date() == insight.visit.date
    assert Workshop.objects.count() == 2
    assert set(Idea.objects.values_list("status", flat=True)) == set(IdeaStatus.values)
    assert public_improvements().count() == 2
    assert "already exist" in lines[1]
