"""Issue 13: bulk actions on the case list (django-helpdesk's ``mass_update``): tick cases,
choose an action, confirm; each case goes through its own service and permission check, and
the outcome says per case what was done and what was refused and why.

English is checked (``django_language=en``): the Swedish texts come with the integrator from
``locale/new/bulk.json``."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from cases.bulk_forms import MAX_BULK_CASES
from cases.models import Case, CaseEvent, EventKind, Referral
from cases.services.cases import change_status
from notifications.models import OutboxMessage
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory, a_case

pytestmark = pytest.mark.django_db

BULK = reverse("cases:bulk")


@pytest.fixture
def team(db):
    reception = DepartmentFactory(name="Reception", code="kontaktcenter")
    miljo = DepartmentFactory(name="Miljö", code="miljo")
    bygg = DepartmentFactory(name="Bygg", code="samhallsbyggnad")
    anna = official(reception, full_name="Anna Andersson", email="anna@kommun.example")
    bo = official(miljo, full_name="Bo Berg", email="bo@kommun.example")
    kind = CaseTypeFactory(lead_department=miljo)
    cases = [
        a_case(by=anna, department=reception, case_type=kind, title=f"Kiosk {i}") for i in range(3)
    ]
    return {
        "anna": anna,
        "bo": bo,
        "cases": cases,
        "kind": kind,
        "reception": reception,
        "bygg": bygg,
    }


def as_user(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"


def ids(cases):
    return [c.pk for c in cases]


def test_tick_three_assign_and_the_timelines_and_mail_show_it(client, team):
    anna, bo, cases = team["anna"], team["bo"], team["cases"]
    as_user(client, anna)
    listing = client.get(reverse("cases:list")).content.decode()
    for case in cases:
        assert f'name="ids" value="{case.pk}"' in listing
    assert 'value="assign"' in listing
    filtered = client.get(reverse("cases:list"), {"q": "Kiosk"}).content.decode()
    assert '<input type="hidden" name="back" value="q=Kiosk">' in filtered

    confirm = client.post(BULK, {"action": "assign", "ids": ids(cases)})
    page = confirm.content.decode()
    assert confirm.status_code == 200
    assert "3 cases are ticked." in page
    assert page.count(" checked ") + page.count(" checked>") == 3
    assert 'name="bulk-assignee"' in page

    response = client.post(
        BULK,
        {
            "action": "assign",
            "confirm": "1",
            "ids": ids(cases),
            "bulk-assignee": bo.pk,
            "back": "status=new&q=Kiosk",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:list") + "?status=new&q=Kiosk"
    listing = client.get(response["Location"]).content.decode()
    assert "3 cases assigned." in listing
    for case in cases:
        detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert "The case is assigned to Bo Berg." in detail
    mails = OutboxMessage.objects.filter(
        recipient="bo@kommun.example", template="cases/email/assigned"
    )
    assert mails.count() == 3


def test_a_double_post_assigns_once(client, team):
    anna, bo, cases = team["anna"], team["bo"], team["cases"]
    as_user(client, anna)
    data = {"action": "assign", "confirm": "1", "ids": ids(cases), "bulk-assignee": bo.pk}
    assert client.post(BULK, data).status_code == 302
    again = client.post(BULK, data)

    assert again.status_code == 400
    page = again.content.decode()
    assert "0 cases assigned; 3 could not" in page
    assert f"{cases[0].number}: The case is already assigned to Bo Berg." in page
    assert page.count(" checked") == 3  # the ticked cases are kept
    assert CaseEvent.objects.filter(kind=EventKind.ASSIGNED).count() == 3
    assert OutboxMessage.objects.filter(template="cases/email/assigned").count() == 3


def test_a_mixed_selection_moves_what_the_moves_table_allows(client, team):
    anna, cases = team["anna"], team["cases"]
    closed = cases[0]
    change_status(case=closed, to="closed", by=anna, to_business="Klart.")
    as_user(client, anna)
    data = {"action": "status", "confirm": "1", "ids": ids(cases), "bulk-to": "closed"}

    # A closing needs its text for the business, as on the case page; nothing is lost.
    refused = client.post(BULK, data)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Write what the business is told of the decision or closing." in page
    assert page.count(" checked") == 3
    assert Case.objects.filter(status="closed").count() == 1

    response = client.post(BULK, {**data, "bulk-to_business": "Ärendet är avslutat."}, follow=True)
    page = response.content.decode()
    assert (
        f"2 cases moved; 1 could not: {closed.number}: "
        "A case cannot go from “Closed” to “Closed”." in page
    )
    assert Case.objects.filter(status="closed").count() == 3
    assert (
        CaseEvent.objects.filter(case=cases[1], kind=EventKind.STATUS_CHANGED)
        .get()
        .payload["to_business"]
        == "Ärendet är avslutat."
    )


def test_route_the_ticked_cases(client, team):
    anna, cases = team["anna"], team["cases"]
    as_user(client, anna)
    response = client.post(
        BULK,
        {
            "action": "route",
            "confirm": "1",
            "ids": ids(cases[:2]),
            "bulk-department": team["bygg"].pk,
            "bulk-request_text": "Bygglov?",
        },
        follow=True,
    )
    assert "2 cases routed." in response.content.decode()
    assert Referral.objects.filter(department=team["bygg"]).count() == 2


def test_a_case_the_user_may_not_see_is_refused_and_not_named(client, team):
    anna, cases = team["anna"], team["cases"]
    secret = a_case(
        by=anna, department=team["reception"], case_type=team["kind"], confidential=True
    )
    # A samordnare may work on every open case, not on a confidential one she takes no part in.
    stranger = official(DepartmentFactory(code="naringsliv"), Role.SAMORDNARE, full_name="Eva Ek")
    as_user(client, stranger)
    chosen = [cases[1].pk, secret.pk]

    confirm = client.post(BULK, {"action": "assign", "ids": chosen}).content.decode()
    assert secret.number not in confirm
    assert "1 chosen case was not found among the cases you may see." in confirm

    response = client.post(
        BULK,
        {"action": "assign", "confirm": "1", "ids": chosen, "bulk-assignee": stranger.pk},
        follow=True,
    )
    page = response.content.decode()
    assert "1 case assigned; 1 could not: 1 chosen case was not found" in page
    assert secret.number not in page
    assert Case.objects.get(pk=secret.pk).assignee is None
    exported = client.post(BULK, {"action": "export", "ids": chosen})
    csv = b"".join(exported.streaming_content).decode("utf-8-sig")
    assert cases[1].number in csv and secret.number not in csv


def test_export_the_chosen_streams_only_the_ticked_cases(client, team):
    cases = team["cases"]
    as_user(client, team["anna"])
    response = client.post(BULK, {"action": "export", "ids": ids(cases[:2])})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    csv = b"".join(response.streaming_content).decode("utf-8-sig")
    assert cases[0].number in csv and cases[1].number in csv
    assert cases[2].number not in csv


def test_more_than_the_cap_is_refused_with_a_clear_message(client, team):
    as_user(client, team["anna"])
    chosen = [*ids(team["cases"]), *range(10**6, 10**6 + MAX_BULK_CASES)]
    response = client.post(
        BULK,
        {"action": "assign", "confirm": "1", "ids": chosen, "bulk-assignee": team["bo"].pk},
    )
    assert response.status_code == 400
    assert (
        f"You ticked {MAX_BULK_CASES + 3} cases; a bulk action takes at most "
        f"{MAX_BULK_CASES} at a time." in response.content.decode()
    )
    assert not Case.objects.filter(assignee__isnull=False).exists()


def test_no_case_ticked_or_no_action(client, team):
    as_user(client, team["anna"])
    page = client.post(BULK, {"action": "assign"}, follow=True).content.decode()
    assert "Tick at least one case." in page
    page = client.post(BULK, {"ids": ids(team["cases"])}, follow=True).content.decode()
    assert "Choose what to do with the ticked cases." in page


def test_the_bulk_post_needs_the_csrf_token(team):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team["anna"])
    data = {"action": "assign", "confirm": "1", "ids": ids(team["cases"])}
    data["bulk-assignee"] = team["bo"].pk
    assert client.post(BULK, data).status_code == 403
    assert not Case.objects.filter(assignee__isnull=False).exists()


def _queries_to_assign(client, team, cases) -> int:
    data = {"action": "assign", "confirm": "1", "ids": ids(cases), "bulk-assignee": team["bo"].pk}
    with CaptureQueriesContext(connection) as queries:
        assert client.post(BULK, data).status_code == 302
    return len(queries)


# Each case: its lock, the permission's and the assignee's checks, the save, the event and the
# mail in the outbox (and the savepoints of its transaction).
MAX_QUERIES_PER_CASE = 10


def test_the_bulk_post_grows_by_a_bounded_number_of_queries_per_case(client, team):
    anna = team["anna"]
    more = [a_case(by=anna, department=team["reception"], case_type=team["kind"]) for _ in range(4)]
    as_user(client, anna)
    two = _queries_to_assign(client, team, team["cases"][:2])
    six = _queries_to_assign(client, team, [team["cases"][2], *more, *team["cases"][:1]])
    per_case = (six - two) / 4
    assert per_case <= MAX_QUERIES_PER_CASE, (two, six)
    assert two <= 2 * MAX_QUERIES_PER_CASE + 12  # the session, user, roles, form and cases
