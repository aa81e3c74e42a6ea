"""The case list's drop-downs come from the cache, and what an administrator adds or changes
is in them on the next request (cases/choices.py)."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from cases.models import Door
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory

pytestmark = pytest.mark.django_db


def options(html: str, name: str) -> list[str]:
    """The labels of the drop-down ``name`` as the page shows them."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no drop-down {name}"
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def list_page(client, **params) -> str:
    response = client.get(reverse("cases:list"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def signed_in(client, receptionist):
    client.force_login(receptionist)
    return client


def test_a_second_request_reads_no_drop_down_from_the_database(
    signed_in, django_assert_num_queries
):
    from .test_query_counts import LIST_QUERIES

    first = list_page(signed_in)  # fills the cache
    with django_assert_num_queries(LIST_QUERIES):
        again = list_page(signed_in)

    assert options(again, "department") == options(first, "department")
    assert "Anna Andersson" in options(again, "coordinator")
    assert "Anna Andersson" in options(again, "assignee")


def test_a_new_department_case_type_and_official_are_offered_at_once(signed_in, reception):
    before = list_page(signed_in)
    assert "Kultur och fritid" not in options(before, "department")

    culture = DepartmentFactory(name="Kultur och fritid", code="kultur")
    CaseTypeFactory(name="Evenemangstillstånd", lead_department=culture)
    official(culture, full_name="Nils Nyström")
    after = list_page(signed_in)

    assert "Kultur och fritid" in options(after, "department")
    assert "Evenemangstillstånd" in options(after, "case_type")
    assert "Nils Nyström" in options(after, "coordinator")
    assert "Nils Nyström" in options(after, "assignee")


def test_a_closed_department_a_renamed_door_and_a_leaver_are_gone_at_once(
    signed_in, reception, inspector
):
    door = Door.objects.create(code="kiosk", name="Kiosk", position=9)
    list_page(signed_in)

    reception.is_active = False
    reception.save()
    door.name = "Digital kiosk"
    door.save()
    User.objects.get(pk=inspector.pk).memberships.all().delete()
    after = list_page(signed_in)

    assert "Kontaktcenter och reception" not in options(after, "department")
    assert "Digital kiosk" in options(after, "door")
    assert "Kiosk" not in options(after, "door")
    assert "Ali Karimi" not in options(after, "coordinator")


def test_signing_in_keeps_the_cached_officials(client, receptionist, django_assert_num_queries):
    from .test_query_counts import LIST_QUERIES

    client.force_login(receptionist)
    list_page(client)
    client.logout()
    client.force_login(receptionist)  # writes last_login only

    with django_assert_num_queries(LIST_QUERIES):
        list_page(client)


def test_a_case_type_added_in_the_admin_is_offered_at_once(client, reception):
    admin = User.objects.create_superuser(email="admin@example.com", password="x")  # noqa: S106
    client.force_login(admin)
    list_page(client)
    add = client.get(reverse("admin:cases_casetype_add")).context["adminform"].form
    data = {name: add[name].value() for name in add.fields if add[name].value() is not None}
    data.update(
        name="Torghandel", code="torghandel", lead_department=reception.pk, deadline_amount=5
    )
    data = {
        key: ("on" if value is True else value)
        for key, value in data.items()
        if value is not False and value != ""
    }

    response = client.post(reverse("admin:cases_casetype_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Torghandel" in options(list_page(client), "case_type")


def test_choosing_from_a_cached_drop_down_filters_and_keeps_the_choice(
    signed_in, reception, receptionist
):
    html = list_page(signed_in, department=reception.pk, coordinator=receptionist.pk)

    department = re.search(r'<select name="department".*?</select>', html, re.S).group(0)
    assert f'<option value="{reception.pk}" selected>' in department
    assert 'name="department"' in html and "is-invalid" not in html


def test_a_value_no_longer_offered_is_refused_clearly(signed_in):
    html = list_page(signed_in, case_type="999999")

    assert 'aria-invalid="true"' in html
