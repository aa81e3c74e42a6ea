"""Many officials open cases at the same moment: every case gets its own number."""

import threading

import pytest
from django.db import connection, connections

from accounts.models import Role
from cases.models import Case
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory, CompanyFactory, a_case


@pytest.mark.django_db(transaction=True)
def test_fifty_cases_opened_in_parallel_get_fifty_distinct_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    department = DepartmentFactory()
    officials = [official(department, Role.LOTS) for _ in range(5)]
    case_type = CaseTypeFactory(lead_department=department)
    company = CompanyFactory()
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def open_one(index: int) -> None:
        try:
            barrier.wait()
            a_case(
                by=officials[index % 5],
                department=department,
                case_type=case_type,
                company=company,
                title=f"Ärende {index}",
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=open_one, args=(i,)) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = list(Case.objects.values_list("sequence", flat=True))
    assert sorted(numbers) == list(range(1, 51))
    assert Case.objects.values("number").distinct().count() == 50
