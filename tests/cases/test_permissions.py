"""Who sees which case: every official sees the open ones; confidential ones only those in it."""

import pytest

from cases import permissions
from cases.services.referrals import route_case
from tests.factories import DepartmentFactory, UserFactory, official

from .factories import a_case

pytestmark = pytest.mark.django_db


def test_every_official_sees_every_case_that_is_not_confidential(receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    stranger = official(DepartmentFactory())

    assert permissions.can_view_case(stranger, case)
    assert case in permissions.visible_cases(stranger)


def test_a_signed_in_user_without_a_department_sees_nothing(receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    outsider = UserFactory()

    assert not permissions.can_view_case(outsider, case)
    assert not permissions.visible_cases(outsider).exists()


def test_a_confidential_case_is_seen_only_by_those_taking_part(
    receptionist, reception, food_registration, inspector, builder, bygg, admin_user
):
    case = a_case(
        by=receptionist, department=reception, case_type=food_registration, confidential=True
    )
    stranger = official(DepartmentFactory())
    # coordinator, lead department member
    assert permissions.can_view_case(receptionist, case)
    assert permissions.can_view_case(inspector, case)
    assert permissions.can_view_case(admin_user, case)
    # not a stranger, nor a department not (yet) involved
    assert not permissions.can_view_case(stranger, case)
    assert not permissions.can_view_case(builder, case)
    assert case not in permissions.visible_cases(stranger)

    route_case(case=case, department=bygg, by=receptionist, request_text="Bygglov?")

    assert permissions.can_view_case(builder, case)
    assert list(permissions.visible_cases(builder)) == [case]
    assert not permissions.visible_cases(stranger).exists()
