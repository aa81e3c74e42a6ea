"""The API's lists answer in a fixed number of queries, whatever the number of rows."""

import pytest

from cases.services.cases import change_status
from cases.services.referrals import route_case
from tests.cases.factories import a_case
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def fill(diarium, n):
    user = diarium.service_user
    bygg = DepartmentFactory()
    for _ in range(n):
        case = a_case(by=user, department=user.memberships.first().department)
        change_status(case=case, to="open", by=user)
        route_case(case=case, department=bygg, by=user, request_text="Bygglov?")


@pytest.mark.parametrize("n", [1, 6])
@pytest.mark.parametrize("path", ["/api/v1/cases/", "/api/v1/events/", "/api/v1/referrals/"])
def test_the_lists_do_not_grow_with_the_rows(api, diarium, path, n, django_assert_max_num_queries):
    fill(diarium, n)
    api.get(path)  # the token's last use is written on the first call of the minute
    with django_assert_max_num_queries(6):
        answer = api.get(path)
    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert len(rows) >= n
