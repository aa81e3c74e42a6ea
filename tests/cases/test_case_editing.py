"""An official corrects a case after opening it: each change on the timeline, old -> new."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseEvent, EventKind
from cases.workdays import add_working_days
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory, CompanyFactory, a_case

pytestmark = pytest.mark.django_db


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _edit_data(case, **changes):
    data = {
        "edit-title": case.title,
        "edit-case_type": case.case_type_id,
        "edit-lead_department": case.lead_department_id,
        "edit-priority": case.priority,
        "edit-org_number": case.company.org_number,
    }
    if case.confidential:
        data["edit-confidential"] = "on"
    data.update({f"edit-{key}": value for key, value in changes.items()})
    return data


def test_the_coordinator_changes_title_type_priority_and_company_and_the_timeline_lists_each(
    client, receptionist, reception, food_registration, general_matter
):
    case = a_case(by=receptionist, department=reception, case_type=general_matter)
    other_company = CompanyFactory(name="Torgkaféet AB")
    _english(client)
    client.force_login(receptionist)

    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Edit the case" in page and 'name="edit-title"' in page

    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        _edit_data(
            case,
            title="Restaurang med uteservering",
            case_type=food_registration.pk,
            lead_department=food_registration.lead_department_id,
            priority="high",
            org_number=other_company.org_number,
        ),
        follow=True,
    )

    html = response.content.decode()
    assert "The case is changed." in html
    case.refresh_from_db()
    assert case.title == "Restaurang med uteservering"
    assert case.company == other_company and case.priority == "high"
    assert case.case_type == food_registration
    # The new type's deadline (10 working days) from the day the case was opened, in Sweden
    # (just after midnight there, the UTC date is still yesterday's).
    assert case.due_date == add_working_days(timezone.localdate(case.created_at), 10)
    event = CaseEvent.objects.get(case=case, kind=EventKind.CASE_EDITED)
    assert event.actor == receptionist and not event.is_public
    assert event.payload["fields"] == [
        "title",
        "case_type",
        "lead_department",
        "priority",
        "company",
        "contact",
        "due_date",
    ]
    assert "Ny restaurang vid torget → Restaurang med uteservering" in html
    assert f"Etablering / lokal / mark → {food_registration.name}" in html
    # The values are kept in the portal's language (Swedish), as configuration history is.
    assert "Normal → Hög" in html
    assert f"Torgkaféet AB ({other_company.org_number})" in html
    # The old company's contact person is not the new company's: the case has none now.
    assert case.contact is None
    assert "Contact person: Kim Företagare → –" in html


def test_an_unknown_org_number_is_refused_and_the_form_keeps_what_was_typed(
    client, receptionist, reception
):
    case = a_case(by=receptionist, department=reception)
    _english(client)
    client.force_login(receptionist)

    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        _edit_data(case, title="Nytt namn", org_number="556036-0793"),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "No company with that number is in the register" in html
    assert 'value="Nytt namn"' in html
    case.refresh_from_db()
    assert case.title == "Ny restaurang vid torget"
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.CASE_EDITED).exists()


def test_sending_the_form_unchanged_says_nothing_was_changed(client, receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    _english(client)
    client.force_login(receptionist)

    response = client.post(reverse("cases:edit", args=[case.pk]), _edit_data(case))

    assert response.status_code == 400
    assert "Nothing was changed." in response.content.decode()


def test_making_a_case_confidential_hides_it_from_others_and_back(
    client, receptionist, reception, builder
):
    case = a_case(by=receptionist, department=reception)
    client.force_login(receptionist)

    client.post(reverse("cases:edit", args=[case.pk]), _edit_data(case, confidential="on"))

    client.force_login(builder)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert case.number not in client.get(reverse("cases:list")).content.decode()
    client.force_login(receptionist)
    case.refresh_from_db()
    data = _edit_data(case)
    data.pop("edit-confidential")
    client.post(reverse("cases:edit", args=[case.pk]), data)
    client.force_login(builder)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_a_lead_member_who_hands_a_confidential_case_to_another_department_loses_it(
    client, inspector, miljo, food_registration
):
    other = DepartmentFactory(name="Kultur och fritid", code="kultur")
    coordinator = official(DepartmentFactory(code="kontakt"))
    case = a_case(
        by=coordinator,
        department=coordinator.memberships.first().department,
        case_type=food_registration,
        confidential=True,
    )
    _english(client)
    client.force_login(inspector)

    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        _edit_data(case, lead_department=other.pk),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("cases:list")
    assert "You no longer take part in the case" in response.content.decode()
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_a_colleague_outside_the_lead_department_sees_no_edit_form_and_is_refused(
    client, receptionist, reception, builder
):
    case = a_case(by=receptionist, department=reception, case_type=CaseTypeFactory())
    _english(client)
    client.force_login(builder)

    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'name="edit-title"' not in page
    response = client.post(reverse("cases:edit", args=[case.pk]), _edit_data(case, title="X"))
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.title == "Ny restaurang vid torget"


def test_the_edit_shows_in_swedish_with_the_field_names(client, receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    client.force_login(receptionist)

    client.post(reverse("cases:edit", args=[case.pk]), _edit_data(case, priority="low"))

    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    # "Prioritet", "Normal" and "Låg" are translated already; the kind's name is new.
    assert "Prioritet: Normal → Låg" in html
