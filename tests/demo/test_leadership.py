"""The demo's leadership records: the self-check's leadership part is not red or empty."""

import pytest
from django.urls import reverse
from django.utils import timezone

from demo import leadership
from demo.seed import seed_people
from demo.world import demo_email
from stats.models import ManagementReview, YearGoal
from stats.selfcheck import Status

pytestmark = pytest.mark.django_db


def test_the_demo_records_goals_and_reviews_once(client):
    seed_people(lambda line: None)
    lines: list[str] = []
    leadership.seed(lines.append)
    leadership.seed(lines.append)  # idempotent

    year = timezone.localdate().year
    assert YearGoal.objects.filter(year__in=[year - 1, year]).count() == 2
    assert ManagementReview.objects.filter(year__in=[year - 1, year]).count() == 2
    assert "Servicegarantin" in ManagementReview.objects.get(year=year - 1).decisions
    assert lines[0].startswith("Leadership: year goals and management reviews")

    client.cookies["django_language"] = "en"
    client.force_login(ManagementReview.objects.get(year=year).recorded_by)
    response = client.get(reverse("stats:selfcheck"), {"year": year})
    rows = {row.indicator.key: row for part in response.context["parts"] for row in part.rows}
    assert rows["year_goals"].measure.status == Status.GREEN
    assert rows["management_review"].measure.status == Status.GREEN
    assert "Servicegarantin" not in response.content.decode()  # decisions on the review page
    review_page = client.get(reverse("stats:selfcheck_review"))
    assert "Kunskapsbanken granskas" in review_page.content.decode()
    assert demo_email("johan.ek") == ManagementReview.objects.get(year=year).recorded_by.email
