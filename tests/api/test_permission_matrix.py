"""Role by endpoint: the API answers as the pages do, because it asks the same functions.

The world: a confidential case opened at the reception (its coordinator), led by Miljö, routed
to Bygg, with a file; an open case of Miljö. Each role's user is the service user of an
integration with every scope. For every role and case the API's answer for reading the case,
its timeline, its referrals and its file is the case page's (200 shown, 404 not seen), and a
status move is allowed exactly when ``cases.permissions.can_change_status`` says so.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from cases import permissions
from cases.services.attachments import add_attachment
from cases.services.referrals import route_case
from tests.cases.factories import CaseTypeFactory, a_case
from tests.factories import DepartmentFactory, UserFactory, official

from .conftest import bearer, integration_for

pytestmark = pytest.mark.django_db

ROLES = ["no_department", "stranger", "coordinator", "lead", "routed", "samordnare"]
# What the case pages answer (the detail page) per role: confidential case, open case.
EXPECTED_PAGE = {
    "no_department": (404, 404),
    "stranger": (404, 200),
    "coordinator": (200, 200),
    "lead": (200, 200),
    "routed": (200, 200),
    "samordnare": (404, 200),
}


@pytest.fixture
def world(db):
    reception = DepartmentFactory(name="Reception", code="kontaktcenter")
    miljo = DepartmentFactory(name="Miljö", code="miljo")
    bygg = DepartmentFactory(name="Bygg", code="samhallsbyggnad")
    users = {
        "no_department": UserFactory(),
        "stranger": official(DepartmentFactory(name="Kultur", code="kultur")),
        "coordinator": official(reception),
        "lead": official(miljo),
        "routed": official(bygg),
        "samordnare": official(DepartmentFactory(name="Näringsliv", code="nl"), Role.SAMORDNARE),
    }
    case_type = CaseTypeFactory(lead_department=miljo)
    secret = a_case(
        by=users["coordinator"],
        department=reception,
        case_type=case_type,
        confidential=True,
        title="Hemlig vindkraftpark",
    )
    referral = route_case(
        case=secret, department=bygg, by=users["coordinator"], request_text="Bygglov?"
    )
    attachment = add_attachment(
        case=secret,
        by=users["coordinator"],
        uploaded_file=SimpleUploadedFile("ritning.txt", b"Ritning"),
    )
    public = a_case(by=users["lead"], department=miljo, case_type=case_type)
    return {
        "users": users,
        "secret": secret,
        "public": public,
        "referral": referral,
        "attachment": attachment,
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_api_sees_what_the_pages_show(world, role, client):
    user = world["users"][role]
    api, _raw = bearer(integration_for(user, name=f"System {role}"))
    client.force_login(user)
    for case, expected in zip((world["secret"], world["public"]), EXPECTED_PAGE[role], strict=True):
        page = client.get(reverse("cases:detail", args=[case.pk]))
        assert page.status_code == expected, (role, case.title)
        assert api.get(f"/api/v1/cases/{case.pk}/").status_code == expected
        assert api.get(f"/api/v1/cases/{case.pk}/events/").status_code == expected
        assert api.get(f"/api/v1/cases/{case.pk}/attachments/").status_code == expected
        listed = {c["id"] for c in api.get("/api/v1/cases/").json()["results"]}
        assert (case.pk in listed) == (expected == 200)
    secret_code = EXPECTED_PAGE[role][0]
    file_page = client.get(reverse("cases:attachment", args=[world["attachment"].pk]))
    file_api = api.get(f"/api/v1/attachments/{world['attachment'].pk}/content/")
    assert file_page.status_code == file_api.status_code == secret_code
    assert api.get(f"/api/v1/referrals/{world['referral'].pk}/").status_code == secret_code


@pytest.mark.parametrize("role", ROLES)
def test_a_status_move_is_allowed_exactly_as_on_the_case_page(world, role):
    user = world["users"][role]
    api, _raw = bearer(integration_for(user, name=f"System {role}"))
    for case in (world["secret"], world["public"]):
        if not permissions.can_view_case(user, case):
            expected = 404
        else:
            expected = 200 if permissions.can_change_status(user, case) else 403
        answer = api.post(f"/api/v1/cases/{case.pk}/status/", {"to": "open"}, format="json")
        assert answer.status_code == expected, (role, case.title, answer.content)


def test_training_results_are_for_a_samordnare_only(world):
    for role in ("lead", "samordnare"):
        api, _raw = bearer(integration_for(world["users"][role], name=f"HR {role}"))
        answer = api.get("/api/v1/training/results/")
        assert answer.status_code == 200
    # The lead is no training coordinator: the portal shows it nothing, so neither does the API.
    lead_api, _raw = bearer(integration_for(UserFactory(), name="HR none"))
    assert lead_api.get("/api/v1/training/diplomas/").json()["results"] == []
