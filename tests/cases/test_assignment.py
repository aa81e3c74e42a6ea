"""Issue 13: assign a case, or a referral, to a named colleague (Signalen's user assignment,
helpdesk's ticket owner), see it on the case and the list, and filter the list on it.

English is checked (``django_language=en``): the Swedish texts come with the integrator from
``locale/new/dailya.json``."""

import pytest
from django.urls import reverse

from cases.models import Case, CaseEvent, EventKind
from cases.services.referrals import route_case
from notifications.models import OutboxMessage
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory, a_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    reception = DepartmentFactory(name="Reception", code="kontaktcenter")
    miljo = DepartmentFactory(name="Miljö", code="miljo")
    bygg = DepartmentFactory(name="Bygg", code="samhallsbyggnad")
    people = {
        "anna": official(reception, full_name="Anna Andersson", email="anna@kommun.example"),
        "bo": official(miljo, full_name="Bo Berg", email="bo@kommun.example"),
        "cissi": official(bygg, full_name="Cissi Cederlund", email="cissi@kommun.example"),
        "dan": official(bygg, full_name="Dan Dahl", email="dan@kommun.example"),
        "eva": official(DepartmentFactory(code="annan"), full_name="Eva Ek"),
    }
    kind = CaseTypeFactory(lead_department=miljo)
    case = a_case(by=people["anna"], department=reception, case_type=kind, title="Ny kiosk")
    return {"people": people, "case": case, "bygg": bygg, "kind": kind, "reception": reception}


def as_user(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"


def test_the_coordinator_assigns_a_case_and_the_colleague_is_told(client, team):
    anna, bo = team["people"]["anna"], team["people"]["bo"]
    case = team["case"]
    as_user(client, anna)
    page = client.post(
        reverse("cases:assign", args=[case.pk]), {"assign-assignee": bo.pk}, follow=True
    ).content.decode()

    assert "The case is assigned." in page
    assert 'data-testid="assignee">Bo Berg<' in page
    assert "The case is assigned to Bo Berg." in page  # the timeline
    event = CaseEvent.objects.get(case=case, kind=EventKind.ASSIGNED)
    assert event.actor == anna and event.payload == {"from": "", "to": "Bo Berg"}
    [mail] = OutboxMessage.objects.filter(
        recipient="bo@kommun.example", template="cases/email/assigned"
    )
    assert mail.context["assigned_by"] == "Anna Andersson"

    page = client.get(reverse("cases:list")).content.decode()
    assert "Assigned to: Bo Berg" in page


def test_a_confidential_case_is_not_assigned_to_someone_who_cannot_see_it(client, team):
    anna, eva = team["people"]["anna"], team["people"]["eva"]
    secret = a_case(
        by=anna, department=team["reception"], case_type=team["kind"], confidential=True
    )
    as_user(client, anna)
    response = client.post(reverse("cases:assign", args=[secret.pk]), {"assign-assignee": eva.pk})

    assert response.status_code == 400
    assert (
        "Eva Ek cannot see this case, so it cannot be assigned to them."
        in response.content.decode()
    )
    assert Case.objects.get(pk=secret.pk).assignee is None
    assert not OutboxMessage.objects.filter(template="cases/email/assigned").exists()


def test_a_referral_is_assigned_only_to_a_member_of_its_department(client, team):
    anna, cissi, dan, bo = (team["people"][n] for n in ("anna", "cissi", "dan", "bo"))
    referral = route_case(
        case=team["case"], department=team["bygg"], by=anna, request_text="Bygglov?"
    )
    as_user(client, cissi)
    url = reverse("cases:referral_action", args=[referral.pk, "tilldela"])
    page = client.get(reverse("cases:detail", args=[team["case"].pk])).content.decode()
    assert "Assign to a colleague in Bygg" in page

    response = client.post(url, {f"assign-{referral.pk}-assignee": bo.pk})
    assert response.status_code == 400
    assert "Bo Berg is not a member of Bygg." in response.content.decode()

    page = client.post(
        url, {f"assign-{referral.pk}-assignee": dan.pk}, follow=True
    ).content.decode()
    assert "The referral is assigned." in page
    assert "The referral to Bygg is assigned to Dan Dahl." in page
    referral.refresh_from_db()
    assert referral.assignee == dan
    assert OutboxMessage.objects.filter(
        recipient="dan@kommun.example", template="cases/email/assigned"
    ).exists()


def test_the_list_is_filtered_on_mine_a_named_colleague_and_unassigned(client, team):
    anna, bo = team["people"]["anna"], team["people"]["bo"]
    other = a_case(by=anna, department=team["reception"], case_type=team["kind"], title="Nytt café")
    as_user(client, anna)
    client.post(reverse("cases:assign", args=[team["case"].pk]), {"assign-assignee": bo.pk})
    client.post(reverse("cases:assign", args=[other.pk]), {"assign-assignee": anna.pk})
    third = a_case(
        by=anna, department=team["reception"], case_type=team["kind"], title="Torghandel"
    )

    def listed(query):
        page = client.get(reverse("cases:list") + query).content.decode()
        return {c.title for c in (team["case"], other, third) if c.number in page}

    assert listed("?assignee=mine") == {"Nytt café"}
    assert listed(f"?assignee={bo.pk}") == {"Ny kiosk"}
    assert listed("?assignee=none") == {"Torghandel"}
    assert listed("?assignee=nonsense") == {"Ny kiosk", "Nytt café", "Torghandel"}
    page = client.get(reverse("cases:list")).content.decode()
    assert '<option value="mine">Assigned to me</option>' in page
    assert f'<option value="{bo.pk}">Bo Berg</option>' in page
