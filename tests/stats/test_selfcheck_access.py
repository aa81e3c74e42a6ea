"""The self-check's addresses for every kind of user, and its fixed number of queries."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Role
from demo.generator import generate
from stats.models import ManagementReview
from tests.factories import DepartmentFactory, UserFactory, official

pytestmark = pytest.mark.django_db

ADDRESSES = ["stats:selfcheck", "stats:selfcheck_xlsx", "stats:selfcheck_review"]

USERS = {
    "visitor": None,
    "user without department": lambda d: UserFactory(),
    "inactive samordnare": lambda d: official(d, Role.SAMORDNARE, is_active=False),
    "lots": lambda d: official(d, Role.LOTS),
    "department lead": lambda d: official(d, Role.AVDELNINGSCHEF),
    "samordnare": lambda d: official(d, Role.SAMORDNARE),
    "administrator": lambda d: UserFactory(is_staff=True, is_superuser=True),
}
# The same people as the statistics (stats.permissions.can_view_statistics).
EXPECTED = {
    "visitor": 302,  # to the sign-in page
    "user without department": 403,
    "inactive samordnare": 302,  # an inactive account is signed out
    "lots": 403,
    "department lead": 200,
    "samordnare": 200,
    "administrator": 200,
}


def _as(client, who):
    make = USERS[who]
    if make is not None:
        client.force_login(make(DepartmentFactory()))


@pytest.mark.parametrize("who", list(USERS))
@pytest.mark.parametrize("name", ADDRESSES)
def test_who_may_open_the_self_check(client, who, name):
    _as(client, who)
    response = client.get(reverse(name))
    assert response.status_code == EXPECTED[who]
    if EXPECTED[who] == 302:
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("who", list(USERS))
def test_who_may_record_the_management_review(client, who):
    _as(client, who)
    today = date.today()
    response = client.post(
        reverse("stats:selfcheck_review"),
        {"year": today.year, "held_on": today.isoformat(), "decisions": "Mål för nästa år."},
    )
    recorded = ManagementReview.objects.exists()
    if EXPECTED[who] == 200:
        assert response.status_code == 302
        assert recorded
    else:
        assert response.status_code == EXPECTED[who]
        assert not recorded


# Session, user and roles (3); process: coordinator named (1), referrals on time (1), service
# guarantees (1), NKI (1); personnel: diplomas per department and in all (2), departments
# without a lots (1); leadership: year goals (1), management review (1), visits against the
# goal (2: development.selectors.goal_progress), ideas realised (1).
SELFCHECK_QUERIES = 18  # one each for first answer, slips, practical elements
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("cases", [10, 300])
def test_the_self_check_queries_do_not_grow(client, cases, django_assert_num_queries, monkeypatch):
    generate(cases=cases, seed=5, today=TODAY)
    monkeypatch.setattr("stats.selfcheck.forms.timezone.localdate", lambda *args: TODAY)
    client.force_login(official(DepartmentFactory(), Role.SAMORDNARE))

    with django_assert_num_queries(SELFCHECK_QUERIES):
        response = client.get(reverse("stats:selfcheck"), {"year": 2026})

    assert response.status_code == 200
    rows = {row.indicator.key: row for part in response.context["parts"] for row in part.rows}
    assert rows["coordinator_within_2_days"].measure.detail.split()[2] != "0"  # data is there
