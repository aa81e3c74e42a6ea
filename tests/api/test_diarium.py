"""The diarium's story: it registers a matter through the API, follows the timeline by cursor,
moves the case, and is told of each change by signed webhooks (CloudEvents)."""

import pytest
from django.urls import reverse

from api.services.webhooks import create_subscription
from cases.models import CaseEvent
from tests.cases.factories import CaseTypeFactory, CompanyFactory, door

pytestmark = pytest.mark.django_db


@pytest.fixture
def food(db):
    from tests.factories import DepartmentFactory

    return CaseTypeFactory(
        code="livsmedel",
        name="Livsmedelsregistrering",
        lead_department=DepartmentFactory(name="Miljö", code="miljo"),
    )


def test_the_diarium_registers_follows_and_moves_a_case_and_hears_of_it_by_webhook(
    api, diarium, food, receiver, client, django_capture_on_commit_callbacks
):
    door("email")
    company = CompanyFactory(org_number="556036-0793", name="Torgets Krog AB")
    subscription = create_subscription(
        integration=diarium,
        url=receiver.url,
        event_kinds=["opened", "status_changed"],
        by=diarium.owner,
    )
    receiver.secret = subscription.secret

    with django_capture_on_commit_callbacks(execute=True):
        created = api.post(
            "/api/v1/cases/",
            {
                "department": "kontaktcenter",
                "org_number": "556036-0793",
                "case_type": "livsmedel",
                "door": "email",
                "title": "Ny restaurang vid torget",
                "description": "Inkommen via e-post, dnr 2026/123.",
            },
            format="json",
        )
    assert created.status_code == 201, created.content
    case = created.json()
    assert case["company"]["id"] == company.pk and case["status"] == "new"
    assert created["Location"].endswith(f"/api/v1/cases/{case['id']}/")

    first = api.get("/api/v1/events/", {"after": 0}).json()
    assert [e["kind"] for e in first["results"]] == ["opened"]
    assert first["results"][0]["by_integration"] == "Diariet"
    cursor = first["next_after"]
    assert api.get("/api/v1/events/", {"after": cursor}).json()["results"] == []

    with django_capture_on_commit_callbacks(execute=True):
        moved = api.post(
            f"/api/v1/cases/{case['id']}/status/",
            {"to": "open", "comment": "Tas upp"},
            format="json",
        )
    assert moved.status_code == 200 and moved.json()["status"] == "open"
    refused = api.post(f"/api/v1/cases/{case['id']}/status/", {"to": "new"}, format="json")
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"

    later = api.get("/api/v1/events/", {"after": cursor}).json()
    assert [(e["kind"], e["payload"]["to"]) for e in later["results"]] == [
        ("status_changed", "open")
    ]
    assert later["results"][0]["actor"] == "Diariet (integration)"
    assert api.get(later["next"]).json()["results"] == []

    kinds = [r["event"]["type"] for r in receiver.received]
    assert kinds == ["se.lotsportalen.case.opened", "se.lotsportalen.case.status_changed"]
    for delivery in receiver.received:
        event = delivery["event"]
        assert event["specversion"] == "1.0" and event["subject"] == case["number"]
        assert delivery["headers"]["webhook-id"] == event["id"]
        assert event["data"]["case"] == {
            "id": case["id"],
            "number": case["number"],
            "status": event["data"]["case"]["status"],
        }
    # The comment is personal data of its kind (cases/events/): not sent.
    assert "comment" not in receiver.received[1]["event"]["data"]["event"]["payload"]

    # The case page's timeline shows the integration as who did it.
    from tests.factories import official

    client.force_login(official(food.lead_department))
    page = client.get(reverse("cases:detail", args=[case["id"]]))
    assert "Diariet (integration)" in page.content.decode()
    assert CaseEvent.objects.filter(case_id=case["id"], actor=diarium.service_user).count() == 2


def test_a_case_for_an_unknown_company_registers_it_when_named(api, food):
    door("phone")
    answer = api.post(
        "/api/v1/cases/",
        {
            "department": "kontaktcenter",
            "org_number": "556036-0793",
            "case_type": "livsmedel",
            "door": "phone",
            "title": "Fråga om bygglov",
        },
        format="json",
    )
    assert answer.status_code == 400
    assert "company_name" in answer.json()["errors"]
    named = api.post(
        "/api/v1/cases/",
        {
            "department": "kontaktcenter",
            "org_number": "556036-0793",
            "company_name": "Nya AB",
            "case_type": "livsmedel",
            "door": "phone",
            "title": "Fråga om bygglov",
        },
        format="json",
    )
    assert named.status_code == 201
    company = api.get("/api/v1/companies/556036-0793/").json()
    assert company["name"] == "Nya AB"
    assert [c["id"] for c in company["cases"]] == [named.json()["id"]]


def test_the_list_filters_and_searches_like_the_case_list(api, diarium, food):
    from tests.cases.factories import a_case

    dept = diarium.service_user.memberships.first().department
    a_case(
        by=diarium.service_user, department=dept, case_type=food, title="Uteservering vid torget"
    )
    a_case(by=diarium.service_user, department=dept, case_type=food, title="Skylt på fasaden")
    found = api.get("/api/v1/cases/", {"q": "fasaden"}).json()["results"]
    assert [c["title"] for c in found] == ["Skylt på fasaden"]
    assert len(api.get("/api/v1/cases/", {"status": "new"}).json()["results"]) == 2
    assert api.get("/api/v1/cases/", {"status": "closed"}).json()["results"] == []
    bad = api.get("/api/v1/cases/", {"status": "nonsense"})
    assert bad.status_code == 400 and "status" in bad.json()["errors"]
