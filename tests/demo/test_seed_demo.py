import pytest
from django.core.management import CommandError, call_command

from accounts.models import Department, Membership, Role, User
from cases.models import Case, CaseEvent, Company, Referral
from public.models import SurveyResponse
from training.models import CourseResult, Diploma

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Department.objects.values_list("code", "name", "inbox_email")),
        sorted(User.objects.values_list("email", "full_name", "title", "is_staff")),
        sorted(Membership.objects.values_list("user__email", "department__code", "role")),
        sorted(Case.objects.values_list("number", "status", "created_at", "title")),
        sorted(Company.objects.values_list("org_number", "name")),
        (
            Referral.objects.count(),
            CaseEvent.objects.count(),
            SurveyResponse.objects.count(),
            CourseResult.objects.count(),
            Diploma.objects.count(),
        ),
    )


@pytest.mark.slow
def test_seed_demo_twice_leaves_the_same_data(capsys):
    call_command("seed_demo", force=True)
    first = snapshot()
    call_command("seed_demo", force=True)

    assert snapshot() == first
    departments, users, memberships, cases, _companies, _counts = first
    assert len(departments) >= 7
    assert len([u for u in users if not u[3]]) >= 20
    roles = {role for _, _, role in memberships}
    assert {Role.LOTS, Role.SAMORDNARE, Role.AVDELNINGSCHEF} <= roles
    assert "Miljö- och hälsoskydd" in {name for _, name, _ in departments}
    assert len(cases) > 300  # the generated ones and the public-form matter
    out = capsys.readouterr().out
    assert "lots-demo-2026" in out
    for email in ("anna.reception@exempelby.se", "johan.ek@exempelby.se", "admin@exempelby.se"):
        assert email in out
        assert User.objects.get(email=email).check_password("lots-demo-2026")


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
