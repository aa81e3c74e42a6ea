"""A statistics period outside the working-day calendar gets a message, not a 500."""

import pytest
from django.urls import reverse

from lotsportal.validators import check_date_between  # noqa: F401 (the message's source)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end"),
    [("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-31"), ("1999-12-01", "1999-12-31")],
)
@pytest.mark.parametrize("name", ["stats:index", "stats:report", "stats:export_workbook"])
def test_a_period_outside_the_calendar_is_refused(client, samordnare, name, start, end):
    client.force_login(samordnare)
    response = client.get(reverse(name), {"start": start, "end": end})

    assert response.status_code < 500
    if name == "stats:index":
        assert "2000" in response.content.decode()  # the first day that can be chosen


def test_the_first_day_of_the_calendar_can_be_chosen(client, samordnare):
    client.force_login(samordnare)
    response = client.get(reverse("stats:index"), {"start": "2000-01-01", "end": "2000-03-31"})
    assert response.status_code == 200
