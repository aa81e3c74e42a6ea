"""Administrators configure doors, case types and the registration prefix; history is read-only."""

import pytest
from django.urls import reverse

from cases.models import Case, CaseEvent, CaseSettings

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
