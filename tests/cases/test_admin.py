"""Administrators configure doors, case types and the registration prefix; history is read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse

from cases.models import Case, CaseEvent, CaseSettings, Door
from cases.selectors import search_cases
from cases.services.companies import update_company
from cases.services.referrals import route_case
from confighistory.models import ConfigChange
from lotsportal.admin import reaches_hidden_rows

from .factories import a_case

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "cases_door",
    "cases_casetype",
    "cases_casesettings",
    "cases_company",
    "cases_case",
    "cases_referral",
    "cases_caseevent",
    "cases_attachment",
]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_the_administrator_sees_every_cases_list(
    client, admin_user, receptionist, reception, model
):
    a_case(by=receptionist, department=reception)
    client.force_login(admin_user)

    response = client.get(reverse(f"admin:{model}_changelist"))

    assert response.status_code == 200


def test_the_registration_prefix_is_one_row_that_cannot_be_added_twice_or_deleted(
    client, admin_user
):
    settings_row = CaseSettings.load()
    client.force_login(admin_user)

    assert client.get(reverse("admin:cases_casesettings_add")).status_code == 403
    delete = reverse("admin:cases_casesettings_delete", args=[settings_row.pk])
    assert client.get(delete).status_code == 403
    response = client.post(
        reverse("admin:cases_casesettings_change", args=[settings_row.pk]),
        {"registration_prefix": "NÄR", "retention_months": 36},
    )
    assert response.status_code == 302
    assert CaseSettings.load().registration_prefix == "NÄR"


def test_cases_and_their_history_cannot_be_edited_in_the_admin(
    client, admin_user, receptionist, reception
):
    case = a_case(by=receptionist, department=reception)
    event = CaseEvent.objects.get(case=case)
    client.force_login(admin_user)

    view = client.get(reverse("admin:cases_case_change", args=[case.pk]))
    client.post(reverse("admin:cases_case_change", args=[case.pk]), {"title": "Ändrad"})
    client.post(reverse("admin:cases_caseevent_change", args=[event.pk]), {"kind": "note_added"})

    assert view.status_code == 200
    assert Case.objects.get(pk=case.pk).title == case.title
    assert CaseEvent.objects.get(pk=event.pk).kind == event.kind
    assert client.get(reverse("admin:cases_case_add")).status_code == 403


# -- The admin shows what the portal shows (issue 11, section 1) ------------------------------


def test_a_staff_samordnare_of_another_department_sees_neither_title_nor_timeline_of_a_confidential_case(  # noqa: E501
    client, receptionist, reception, samordnare, bygg, admin_user
):
    secret = a_case(
        by=receptionist, department=reception, title="Hemlig etablering", confidential=True
    )
    route_case(
        case=secret, department=bygg, by=receptionist, request_text="Styrelsen vill inte synas"
    )
    client.force_login(admin_user)
    seen_by_the_administrator = client.get(
        reverse("admin:cases_case_change", args=[secret.pk])
    ).content.decode()
    samordnare.is_staff = True
    samordnare.save()
    client.force_login(samordnare)

    in_the_portal = client.get(reverse("cases:detail", args=[secret.pk]))
    changelist = client.get(reverse("admin:cases_case_changelist"))
    searched = client.get(reverse("admin:cases_case_changelist"), {"q": "Hemlig"})
    change = client.get(reverse("admin:cases_case_change", args=[secret.pk]))
    events = client.get(reverse("admin:cases_caseevent_changelist"))
    referrals = client.get(reverse("admin:cases_referral_changelist"), {"q": "Styrelsen"})

    assert "Hemlig etablering" in seen_by_the_administrator
    assert "Styrelsen vill inte" in seen_by_the_administrator
    assert in_the_portal.status_code == 404
    assert changelist.status_code == 200
    assert change.status_code == 302  # "does not exist", as for any unknown number
    for page in (changelist, searched, change, events, referrals):
        text = page.content.decode()
        assert "Hemlig etablering" not in text
        assert "Styrelsen vill inte" not in text
        assert secret.number not in text


def test_the_coordinator_with_staff_rights_sees_the_confidential_case_in_the_admin(
    client, receptionist, reception
):
    secret = a_case(
        by=receptionist, department=reception, title="Hemlig etablering", confidential=True
    )
    receptionist.is_staff = True
    receptionist.save()
    client.force_login(receptionist)

    page = client.get(reverse("admin:cases_case_change", args=[secret.pk])).content.decode()

    assert "Hemlig etablering" in page


def test_a_delete_page_that_would_name_a_hidden_case_is_refused(
    rf, receptionist, reception, samordnare, admin_user
):
    secret = a_case(by=receptionist, department=reception, confidential=True)
    request = rf.get("/")
    request.user = samordnare

    assert reaches_hidden_rows([secret.company], request, admin.site)
    request.user = receptionist
    assert not reaches_hidden_rows([secret.company], request, admin.site)
    request.user = admin_user
    assert not reaches_hidden_rows([secret.company], request, admin.site)


# -- Companies change through update_company ----------------------------------------------------


def test_a_company_renamed_in_the_admin_is_found_by_its_new_name(client, receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    company = case.company
    receptionist.is_staff = True
    receptionist.save()
    client.force_login(receptionist)

    response = client.post(
        reverse("admin:cases_company_change", args=[company.pk]),
        {
            "name": "Solrosens Bageri AB",
            "street_address": "Torget 1",
            "postal_code": "",
            "city": company.city,
            "industry": company.industry,
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(case.contact_id),
            "contacts-0-company": str(company.pk),
            "org_number": "556677-8899",  # read-only: ignored
        },
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.name, company.street_address) == ("Solrosens Bageri AB", "Torget 1")
    assert company.org_number != "556677-8899"
    found = client.get(reverse("cases:list"), {"q": "Solrosens"}).content.decode()
    assert case.number in found
    assert case.number not in client.get(reverse("cases:list"), {"q": "Företaget"}).content.decode()


def test_a_renamed_company_is_found_by_its_new_name(receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    other = a_case(by=receptionist, department=reception, company=case.company, title="Skylt")

    update_company(company=case.company, by=receptionist, name="Kvarnens Kafé")

    found = search_cases(Case.objects.all(), "Kvarnens")
    assert set(found) == {case, other}


# -- Configuration keeps old and new values ----------------------------------------------------


def test_the_retention_months_keep_their_history_with_old_and_new_values(client, admin_user):
    settings_row = CaseSettings.load()
    client.force_login(admin_user)

    client.post(
        reverse("admin:cases_casesettings_change", args=[settings_row.pk]),
        {"registration_prefix": "LOTS", "retention_months": 12},
    )

    change = ConfigChange.objects.of(CaseSettings, settings_row.pk).get()
    assert change.actor == admin_user
    assert change.changes == {"retention_months": {"old": "36", "new": "12"}}
    history = client.get(reverse("admin:cases_casesettings_history", args=[settings_row.pk]))
    assert "36 → 12" in history.content.decode()
    assert "Ada Admin" in history.content.decode()


def test_a_door_changed_in_the_list_keeps_its_old_position(client, admin_user):
    door = Door.objects.create(code="telefon", name="Telefon", position=3)
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:cases_door_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(door.pk),
            "form-0-is_active": "on",
            "form-0-position": "1",
            "_save": "Spara",
        },
    )

    assert response.status_code == 302
    change = ConfigChange.objects.of(Door, door.pk).get()
    assert change.changes == {"position": {"old": "3", "new": "1"}}
