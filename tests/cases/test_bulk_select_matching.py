"""Issue 13: "All 2 on this page are chosen. Choose all N cases matching the filter" (Gmail,
helpdesks): the bulk action then takes the list's filter, read again on the server through the
list's ``CaseFilter`` and the visibility selector at confirm and at execute time; the cases the
official may not act on are counted, never named; over the limit the page asks to narrow it.

English is checked (``django_language=en``); the Swedish texts come with the integrator from
``locale/new/dailyleft.json``. The list's page size is made 2 so a few cases fill pages."""

import pytest
from django.test import override_settings
from django.urls import reverse

from cases.models import Case, CaseEvent, EventKind
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory, a_case

pytestmark = pytest.mark.django_db

BULK = reverse("cases:bulk")


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr("cases.views.cases.PAGE_SIZE", 2)


@pytest.fixture
def team(db):
    reception = DepartmentFactory(name="Reception", code="kontaktcenter")
    miljo = DepartmentFactory(name="Miljö", code="miljo")
    anna = official(reception, full_name="Anna Andersson", email="anna@kommun.example")
    bo = official(miljo, full_name="Bo Berg", email="bo@kommun.example")
    kind = CaseTypeFactory(lead_department=miljo)
    other_kind = CaseTypeFactory(lead_department=miljo)
    mine = [
        a_case(by=anna, department=reception, case_type=kind, title=f"Kiosk {i}") for i in range(3)
    ]
    # Bo's: Anna sees them but does not manage them (another coordinator, another department).
    bos = [a_case(by=bo, department=miljo, case_type=kind, title=f"Kiosk B{i}") for i in range(2)]
    # Not in the filter, and a confidential one Anna may not see at all.
    outside = a_case(by=anna, department=reception, case_type=other_kind, title="Bageri")
    secret = a_case(by=bo, department=miljo, case_type=kind, title="Kiosk X", confidential=True)
    return {
        "anna": anna,
        "bo": bo,
        "kind": kind,
        "mine": mine,
        "bos": bos,
        "outside": outside,
        "secret": secret,
    }


def as_user(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"


def on_filter(team, **extra):
    return {"action": "status", "scope": "filter", "back": f"case_type={team['kind'].pk}", **extra}


def test_without_javascript_a_plain_checkbox_chooses_every_case_of_the_filter(client, team):
    anna, mine, bos, secret = team["anna"], team["mine"], team["bos"], team["secret"]
    as_user(client, anna)
    listing = client.get(reverse("cases:list"), {"case_type": team["kind"].pk}).content.decode()
    assert 'name="scope" value="filter"' in listing
    assert "Act on all 5 cases matching the filter, not only the ticked ones" in listing
    assert "All 2 on this page are chosen." in listing  # the line JavaScript shows

    # An id sent along (the case outside the filter) is not used.
    confirm = client.post(BULK, on_filter(team, ids=[team["outside"].pk]))

    page = confirm.content.decode()
    assert confirm.status_code == 200
    assert "5 cases match the filter." in page
    assert "The action will be taken on 3 cases" in page
    assert "2 cases of the filter you may not do this on: counted here, not named" in page
    for case in mine:
        assert case.number in page
    for hidden in [*bos, secret, team["outside"]]:
        assert hidden.number not in page
    assert '<input type="hidden" name="expected" value="5">' in page
    assert 'name="bulk-to"' in page

    response = client.post(
        BULK, on_filter(team, confirm="1", expected="5", **{"bulk-to": "open"}), follow=True
    )

    html = response.content.decode()
    assert "3 cases moved." in html
    assert "2 cases of the filter you may not do this on were left as they were." in html
    assert set(Case.objects.filter(status="open")) == set(mine)
    assert response.redirect_chain[-1][0] == reverse("cases:list") + f"?case_type={team['kind'].pk}"


def test_sending_the_confirmation_twice_does_nothing_twice(client, team):
    as_user(client, team["anna"])
    data = on_filter(team, confirm="1", expected="5", **{"bulk-to": "waiting"})
    assert client.post(BULK, data).status_code == 302

    again = client.post(BULK, data)

    assert again.status_code == 400
    assert "0 cases moved; 3 could not" in again.content.decode()
    assert (
        CaseEvent.objects.filter(kind=EventKind.STATUS_CHANGED, payload__to="waiting").count() == 3
    )


def test_cases_that_came_since_the_confirm_page_are_not_acted_on_unseen(client, team):
    as_user(client, team["anna"])
    a_case(by=team["anna"], case_type=team["kind"], title="Kiosk ny")

    response = client.post(
        BULK,
        on_filter(
            team, confirm="1", expected="5", **{"bulk-to": "open", "bulk-comment": "Tas upp."}
        ),
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert "Tas upp.</textarea>" in page  # what was typed is kept
    assert "The filter now matches 6 cases, not 5: look again and confirm." in page
    assert '<input type="hidden" name="expected" value="6">' in page
    assert not Case.objects.filter(status="open").exists()


@override_settings(CASES_BULK_LIMIT=4)
def test_over_the_limit_the_page_asks_to_narrow_the_filter_and_does_nothing(client, team):
    as_user(client, team["anna"])

    confirm = client.post(BULK, on_filter(team))
    execute = client.post(BULK, on_filter(team, confirm="1", expected="5", **{"bulk-to": "open"}))

    for response in (confirm, execute):
        page = response.content.decode()
        assert response.status_code == 400
        assert "5 cases match the filter." in page
        assert "A bulk action takes at most 4 cases at a time, so nothing has been done." in page
        assert "Narrow the filter" in page
        assert f'href="{reverse("cases:list")}?case_type={team["kind"].pk}"' in page
        assert 'name="bulk-to"' not in page
    assert not Case.objects.filter(status="open").exists()


def test_route_takes_every_visible_case_of_the_filter(client, team):
    bygg = DepartmentFactory(name="Bygg", code="samhallsbyggnad")
    as_user(client, team["anna"])
    data = {"action": "route", "scope": "filter", "back": "q=Kiosk", "confirm": "1"}
    confirm = client.post(BULK, {k: v for k, v in data.items() if k != "confirm"})
    assert "The action will be taken on 5 cases" in confirm.content.decode()

    response = client.post(
        BULK,
        {**data, "expected": "5", "bulk-department": bygg.pk, "bulk-request_text": "Bygglov?"},
    )

    assert response.status_code == 302
    routed = CaseEvent.objects.filter(kind=EventKind.ROUTED).values_list("case_id", flat=True)
    assert set(routed) == {c.pk for c in [*team["mine"], *team["bos"]]}


def test_export_of_all_matching_streams_the_visible_cases_of_the_filter(client, team):
    as_user(client, team["anna"])

    response = client.post(BULK, {"action": "export", "scope": "filter", "back": "q=Kiosk"})

    body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert all(c.number in body for c in [*team["mine"], *team["bos"]])
    assert team["secret"].number not in body and team["outside"].number not in body


@pytest.mark.parametrize(
    "data",
    [
        {"back": "status=bogus"},
        {"back": "case_type=abc"},
        {"back": "opened_from=2026-13-45"},
        {"back": "q=" + "x" * 5000},
        {"back": "\x00"},
        {"confirm": "1", "expected": "many", "bulk-to": "open"},
        {"confirm": "1", "expected": "-3", "bulk-to": "nowhere"},
        {"confirm": "1", "expected": "5", "bulk-to": "nowhere"},
    ],
)
def test_hostile_input_is_refused_clearly(client, team, data):
    as_user(client, team["anna"])

    response = client.post(BULK, {**on_filter(team), **data})

    assert response.status_code in (200, 302, 400, 409)
    assert not Case.objects.filter(status="open").exists()
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("cases:list"))
        page = client.get(response["Location"]).content.decode()
        assert "The filter has a mistake: correct it on the list first." in page
