"""An official at any door opens a case for a business."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.errors import NotPermitted
from cases.models import CaseEvent, CaseSettings, DeadlineUnit, EventKind, RegistrationCounter
from cases.workdays import add_working_days
from cases.workflow import CaseStatus
from tests.factories import UserFactory

from .factories import CaseTypeFactory, CompanyFactory, a_case, door

pytestmark = pytest.mark.django_db


def test_receptionist_opens_a_case_and_owns_it(receptionist, reception, general_matter):
    company = CompanyFactory(name="Kafé Solrosen AB")

    case = a_case(by=receptionist, department=reception, case_type=general_matter, company=company)

    year = timezone.localdate().year
    assert case.number == f"LOTS {year}/1"
    assert (case.year, case.sequence) == (year, 1)
    assert case.status == CaseStatus.NEW
    assert case.coordinator == receptionist  # whoever takes the matter in owns it
    assert case.opened_in == reception
    assert case.lead_department == general_matter.lead_department
    assert case.due_date == add_working_days(timezone.localdate(), 2)
    event = CaseEvent.objects.get(case=case)
    assert event.kind == EventKind.OPENED
    assert event.actor == receptionist
    assert event.is_public


def test_numbers_run_on_and_use_the_prefix_from_the_admin(receptionist, reception):
    first = a_case(by=receptionist, department=reception)
    settings_row = CaseSettings.load()
    settings_row.registration_prefix = "KS"
    settings_row.save()

    second = a_case(by=receptionist, department=reception)
    third = a_case(by=receptionist, department=reception)

    year = timezone.localdate().year
    assert first.number == f"LOTS {year}/1"
    assert second.number == f"KS {year}/1"
    assert third.number == f"KS {year}/2"


def test_running_numbers_restart_each_year_and_never_repeat(receptionist, reception):
    year = timezone.localdate().year
    RegistrationCounter.objects.create(prefix="LOTS", year=year - 1, last_number=812)
    RegistrationCounter.objects.create(prefix="LOTS", year=year, last_number=41)

    case = a_case(by=receptionist, department=reception)

    assert case.number == f"LOTS {year}/42"


def test_calendar_day_deadline(receptionist, reception):
    case_type = CaseTypeFactory(deadline_amount=70, deadline_unit=DeadlineUnit.CALENDAR_DAYS)

    case = a_case(by=receptionist, department=reception, case_type=case_type)

    assert case.due_date == timezone.localdate() + timedelta(days=70)


def test_a_named_coordinator_is_told_by_email(receptionist, reception, inspector):
    from notifications.models import OutboxMessage

    case = a_case(by=receptionist, department=reception, coordinator=inspector)

    assert case.coordinator == inspector
    message = OutboxMessage.objects.about(case).get()
    assert message.recipient == inspector.email
    assert message.template == "cases/email/coordinator_assigned"


def test_someone_without_a_department_cannot_open_cases(reception):
    with pytest.raises(NotPermitted):
        a_case(by=UserFactory(), department=reception)


def test_an_official_cannot_open_a_case_in_someone_elses_department(receptionist, bygg):
    with pytest.raises(NotPermitted):
        a_case(by=receptionist, department=bygg)


def test_the_door_is_recorded(receptionist, reception):
    case = a_case(by=receptionist, department=reception, door=door("phone"))

    assert case.door.name == "Telefon"
