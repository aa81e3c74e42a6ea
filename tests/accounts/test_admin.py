import pytest
from django.urls import reverse

from accounts.models import Department, Membership, Role, User
from confighistory.models import ConfigAction, ConfigChange
from confighistory.services import NotPermittedToConfigure, save_configuration
from tests.factories import DepartmentFactory, MembershipFactory, UserFactory, official

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


# -- Roles keep their history with old and new values -------------------------------------------


def change_role(client, membership, role):
    return client.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {"user": membership.user_id, "department": membership.department_id, "role": role},
    )


def test_a_role_changed_in_the_admin_keeps_who_when_and_old_and_new(client, admin_user):
    member = official(DepartmentFactory(name="Miljö", code="miljo"), Role.LOTS)
    membership = member.memberships.get()
    client.force_login(admin_user)

    response = change_role(client, membership, Role.SAMORDNARE)

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.SAMORDNARE
    change = ConfigChange.objects.of(Membership, membership.pk).get()
    assert change.actor == admin_user
    assert change.action == ConfigAction.CHANGED
    assert change.changes == {
        "role": {"old": str(Role.LOTS.label), "new": str(Role.SAMORDNARE.label)}
    }
    history = client.get(
        reverse("admin:accounts_membership_history", args=[membership.pk])
    ).content.decode()
    assert "Ada Admin" in history
    assert f"{Role.LOTS.label} → {Role.SAMORDNARE.label}" in history


def test_members_added_and_removed_on_the_department_page_keep_their_history(client, admin_user):
    department = DepartmentFactory(name="Teknik", code="teknik")
    leaving = official(department, Role.LOTS, full_name="Gösta Gata")
    joining = UserFactory(full_name="Nina Ny")
    leaving_membership = leaving.memberships.get()
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:accounts_department_change", args=[department.pk]),
        {
            "name": "Teknik",
            "code": "teknik",
            "inbox_email": department.inbox_email,
            "is_active": "on",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": str(leaving_membership.pk),
            "memberships-0-department": str(department.pk),
            "memberships-0-user": str(leaving.pk),
            "memberships-0-role": Role.LOTS,
            "memberships-0-DELETE": "on",
            "memberships-1-department": str(department.pk),
            "memberships-1-user": str(joining.pk),
            "memberships-1-role": Role.AVDELNINGSCHEF,
        },
    )

    assert response.status_code == 302
    assert list(department.memberships.values_list("user__full_name", flat=True)) == ["Nina Ny"]
    changes = ConfigChange.objects.filter(content_type__model="membership").order_by("pk")
    assert [(c.action, c.changes["role"]) for c in changes] == [
        (ConfigAction.DELETED, {"old": str(Role.LOTS.label), "new": ""}),
        (ConfigAction.CREATED, {"old": "", "new": str(Role.AVDELNINGSCHEF.label)}),
    ]
    assert ConfigChange.objects.of(Department, department.pk).count() == 0  # name unchanged


def test_giving_someone_admin_rights_is_recorded_but_never_the_password(client, admin_user):
    user = UserFactory(full_name="Kim Kanslist", email="kim@kommun.example")
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "email": "kim@kommun.example",
            "full_name": "Kim Kanslist",
            "title": "",
            "phone": "",
            "is_active": "on",
            "is_staff": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    change = ConfigChange.objects.of(User, user.pk).get()
    assert change.changes == {"is_staff": {"old": "Nej", "new": "Ja"}}


def test_a_staff_user_without_the_permission_cannot_change_roles(client, samordnare):
    samordnare.is_staff = True
    samordnare.save()
    membership = samordnare.memberships.get()
    client.force_login(samordnare)

    response = change_role(client, membership, Role.LOTS)

    assert response.status_code == 403
    assert ConfigChange.objects.count() == 0


def test_the_configuration_service_itself_refuses_without_the_permission(samordnare):
    membership = samordnare.memberships.get()
    membership.role = Role.LOTS

    with pytest.raises(NotPermittedToConfigure):
        save_configuration(instance=membership, by=samordnare)

    membership.refresh_from_db()
    assert membership.role == Role.SAMORDNARE
    assert ConfigChange.objects.count() == 0
