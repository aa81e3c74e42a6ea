"""The figures for the Tillväxt- och näringslivsråd, on one printable page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from development.models import Insight, VisitGoal
from development.workflow import IdeaStatus

from .conftest import a_visit, an_idea, an_insight

pytestmark = pytest.mark.django_db


def test_the_statistics_page_shows_visits_insights_ideas_and_lead_time(
    client, publisher, naringsliv, theme
):
    today = timezone.localdate()
    VisitGoal.objects.create(year=today.year, department=naringsliv, visits=10)
    visit = a_visit(by=publisher, department=naringsliv, date=today.replace(day=1))
    insight = an_insight(visit=visit, by=publisher, theme=theme, departments=[naringsliv])
    Insight.objects.filter(pk=insight.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=20)
    )
    an_idea(by=publisher, department=naringsliv, status=IdeaStatus.REALISED, insights=[insight])
    an_idea(by=publisher, department=naringsliv)
    client.cookies["django_language"] = "en"
    client.force_login(publisher)

    page = client.get(reverse("development:statistics")).content.decode()

    assert "1 of 10 visits held." in page
    row = page.split('data-testid="stats-departments"')[1].split("</table>")[0]
    assert "Näringsliv" in row and "<td>10</td>" in row  # the department's goal
    assert "Lokaler och mark</th><td>1</td>" in page
    ideas = page.split('data-testid="stats-ideas"')[1].split("</table>")[0]
    assert "Realised</th><td>1</td>" in ideas and "Proposed</th><td>1</td>" in ideas
    assert "From insight to realised improvement: 20 days on average." in page
    assert "data-print" in page


def test_a_lots_without_a_role_does_not_see_the_statistics(client, visitor):
    client.force_login(visitor)
    assert client.get(reverse("development:statistics")).status_code == 404
