"""Every statistics address, for every kind of user: who gets in and who does not."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import DepartmentFactory, UserFactory, official

pytestmark = pytest.mark.django_db

ADDRESSES = [
    ("stats:index", []),
    ("stats:report", []),
    ("stats:export_workbook", []),
    ("stats:export_table", ["avdelningar", "csv"]),
    ("stats:export_table", ["nki_avdelningar", "xlsx"]),
]

USERS = {
    "visitor": None,
    "user without department": lambda d: UserFactory(),
    "inactive samordnare": lambda d: official(d, Role.SAMORDNARE, is_active=False),
    "lots": lambda d: official(d, Role.LOTS),
    "department lead": lambda d: official(d, Role.AVDELNINGSCHEF),
    "samordnare": lambda d: official(d, Role.SAMORDNARE),
    "administrator": lambda d: UserFactory(is_staff=True, is_superuser=True),
}
EXPECTED = {
    "visitor": 302,  # to the sign-in page
    "user without department": 403,
    "inactive samordnare": 302,  # an inactive account is signed out
    "lots": 403,
    "department lead": 200,
    "samordnare": 200,
    "administrator": 200,
}


@pytest.mark.parametrize("who", list(USERS))
@pytest.mark.parametrize(("name", "args"), ADDRESSES)
def test_who_may_open_the_statistics(client, who, name, args):
    make = USERS[who]
    if make is not None:
        client.force_login(make(DepartmentFactory()))
    response = client.get(reverse(name, args=args))
    assert response.status_code == EXPECTED[who]
    if EXPECTED[who] == 403:
        assert "Statistik för näringslivsarbetet" not in response.content.decode()
