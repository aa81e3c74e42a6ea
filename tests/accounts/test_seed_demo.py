import pytest
from django.core.management import CommandError, call_command

from accounts.models import Department, Membership, Role, User

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Department.objects.values_list("code", "name", "inbox_email")),
        sorted(User.objects.values_list("email", "full_name", "title", "is_staff")),
        sorted(Membership.objects.values_list("user__email", "department__code", "role")),
    )


@pytest.mark.slow
def test_seed_demo_twice_leaves_the_same_data(capsys):
    call_command("seed_demo", force=True)
    first = snapshot()
    call_command("seed_demo", force=True)

    assert snapshot() == first
    departments, users, memberships = first
    assert len(departments) >= 7
    assert len([u for u in users if not u[3]]) >= 20
    roles = {role for _, _, role in memberships}
    assert {Role.LOTS, Role.SAMORDNARE, Role.AVDELNINGSCHEF} <= roles
    assert "Miljö- och hälsoskydd" in {name for _, name, _ in departments}
    assert "lots-demo-2026" in capsys.readouterr().out


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
