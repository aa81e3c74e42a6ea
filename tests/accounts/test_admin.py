import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import DepartmentFactory, MembershipFactory, official

pytestmark = pytest.mark.django_db


def test_a_lots_cannot_open_admin(client, lots):
    client.force_login(lots)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_an_administrator_opens_admin_in_swedish(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Lotsportalen administration" in response.content.decode() or "Administration" in (
        response.content.decode()
    )
    assert response.headers["Content-Language"] == "sv"


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:accounts_user_changelist",
        "admin:accounts_department_changelist",
        "admin:accounts_membership_changelist",
        "admin:notifications_outboxmessage_changelist",
    ],
)
def test_admin_lists_open_with_search(client, admin_user, url_name):
    MembershipFactory()
    client.force_login(admin_user)
    response = client.get(reverse(url_name), {"q": "a"})
    assert response.status_code == 200


def test_department_page_shows_its_members_inline(client, admin_user):
    department = DepartmentFactory(name="Teknik och gata", code="teknik")
    official(department, Role.LOTS, full_name="Gösta Gata")
    client.force_login(admin_user)

    page = client.get(reverse("admin:accounts_department_change", args=[department.pk]))

    assert "Gösta Gata" in page.content.decode()
