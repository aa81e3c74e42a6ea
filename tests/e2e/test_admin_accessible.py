"""Issue 13, defect 13: axe found critical violations in the admin on the course edition's
change page (321 inputs without a label, unnamed selects) and on the department add page.

A tabular inline's column headings are no ``<label>``: every control of such a row now carries
its field's name (``lotsportal.admin.LabelledInlineMixin``)."""

import pytest

from tests.factories import TEST_PASSWORD, DepartmentFactory, UserFactory
from tests.training.factories import CourseFactory, TopicFactory, question, requirement

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def course():
    course = CourseFactory(year=2026, title="LOTS-kursen")
    topic = TopicFactory(code="bygglov", name="Bygglov")
    for n in range(3):
        question(topic, f"Fråga {n}?", course=course)
    requirement(course, "company_visit", 1)
    return course


def test_the_course_edition_and_department_admin_pages_pass_axe(
    page, sign_in, enrol_second_factor, assert_accessible, course
):
    DepartmentFactory(name="Miljö")
    UserFactory(email="ada@exempelby.se", is_staff=True, is_superuser=True)
    sign_in("ada@exempelby.se", TEST_PASSWORD)
    enrol_second_factor("ada@exempelby.se")

    page.goto(f"/admin/training/course/{course.pk}/change/")
    assert page.locator("td.field-position input[aria-label]").count() >= 3
    assert_accessible("the course edition's change page")

    page.goto("/admin/accounts/department/add/")
    assert_accessible("the department add page")
