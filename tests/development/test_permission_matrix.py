"""Role by view: every business-development view answered for every kind of user.

The world: a planned visit, a held visit with an insight, a workshop and two ideas (proposed
and realised), all made by the owner (Näringsliv); a stranger from another department, a
samordnare of Näringsliv, a user without a department, an administrator, an anonymous visitor.
Codes: 200 shown, 302 done (or sent to sign in), 400 refused with a message, 403 refused
(the page says why), 404 not seen.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from development.services.workshops import create_workshop, invite_business_owner
from development.workflow import IdeaStatus
from tests.cases.factories import CaseTypeFactory
from tests.factories import DepartmentFactory, UserFactory, official

from .conftest import a_visit, an_idea, an_insight

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_department", "stranger", "owner", "samordnare", "admin"]

# view: (method, url builder, data builder, codes per role in ROLES order)
EXPECTED = """
visit_list          302 404 200 200 200 200
visit_create        302 404 200 200 200 200
visit_detail        302 404 200 200 200 200
not_visited         302 404 200 200 200 200
visit_held          302 404 400 302 302 302
insight_add         302 404 400 302 302 302
visit_edit_form     302 404 403 200 200 200
visit_edit          302 404 403 302 302 302
visit_cancel        302 404 400 302 302 302
insight_list        302 404 200 200 200 200
insight_edit_form   302 404 403 200 200 200
insight_edit        302 404 403 302 302 302
open_case_form      302 404 200 200 200 200
open_case           302 404 400 302 302 302
workshop_list       302 404 200 200 200 200
workshop_create     302 404 200 200 200 200
workshop_detail     302 404 200 200 200 200
guest_add           302 404 400 302 302 302
guest_remove        302 404 400 302 302 302
officials_set       302 404 400 302 302 302
step_note           302 404 400 302 302 302
insights_set        302 404 400 302 302 302
idea_list           302 404 200 200 200 200
idea_create         302 404 200 200 200 200
idea_detail         302 404 200 200 200 200
idea_edit           302 404 403 200 200 200
idea_move           302 404 400 302 302 302
idea_publish        302 404 400 400 400 302
statistics          302 404 404 404 200 200
improvements        200 200 200 200 200 200
"""


@pytest.fixture
def world(naringsliv, theme):
    owner = official(naringsliv, Role.LOTS, full_name="Olle Ägare")
    people = {
        "anonymous": None,
        "no_department": UserFactory(),
        "stranger": official(DepartmentFactory(code="kultur")),
        "owner": owner,
        "samordnare": official(naringsliv, Role.SAMORDNARE),
        "admin": UserFactory(is_staff=True, is_superuser=True),
    }
    held = a_visit(by=owner, department=naringsliv)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    planned = a_visit(by=owner, department=naringsliv, held=False)
    future = a_visit(by=owner, department=naringsliv, held=False, date=tomorrow)
    insight = an_insight(visit=held, by=owner, theme=theme, departments=[naringsliv])
    workshop = create_workshop(by=owner, title="DialogLab", date=timezone.localdate())
    guest = invite_business_owner(workshop=workshop, by=owner, name="Lisa Företagare")
    return {
        "people": people,
        "held": held,
        "planned": planned,
        "future": future,
        "insight": insight,
        "workshop": workshop,
        "guest": guest,
        "idea": an_idea(by=owner, department=naringsliv),
        "realised": an_idea(by=owner, department=naringsliv, status=IdeaStatus.REALISED),
        "case_type": CaseTypeFactory(lead_department=naringsliv),
        "department": naringsliv,
        "theme": theme,
    }


def _request(view: str, w) -> tuple[str, str, dict]:
    d = reverse
    get = {
        "visit_list": d("development:visit_list"),
        "visit_create": d("development:visit_create"),
        "visit_detail": d("development:visit_detail", args=[w["held"].pk]),
        "not_visited": d("development:not_visited"),
        "visit_edit_form": d("development:visit_edit", args=[w["planned"].pk]),
        "insight_list": d("development:insight_list"),
        "insight_edit_form": d("development:insight_edit", args=[w["insight"].pk]),
        "open_case_form": d("development:insight_open_case", args=[w["insight"].pk]),
        "workshop_list": d("development:workshop_list"),
        "workshop_create": d("development:workshop_create"),
        "workshop_detail": d("development:workshop_detail", args=[w["workshop"].pk]),
        "idea_list": d("development:idea_list"),
        "idea_create": d("development:idea_create"),
        "idea_detail": d("development:idea_detail", args=[w["idea"].pk]),
        "idea_edit": d("development:idea_edit", args=[w["idea"].pk]),
        "statistics": d("development:statistics"),
        "improvements": d("development_public:improvements"),
    }
    if view in get:
        return "get", get[view], {}
    post = {
        "visit_held": (d("development:visit_held", args=[w["planned"].pk]), {"notes": "ok"}),
        "visit_edit": (
            d("development:visit_edit", args=[w["future"].pk]),
            {"date": w["future"].date.isoformat(), "purpose": "Nytt syfte"},
        ),
        "visit_cancel": (d("development:visit_cancel", args=[w["future"].pk]), {"reason": "Sjuk"}),
        "insight_edit": (
            d("development:insight_edit", args=[w["insight"].pk]),
            {
                "kind": "problem",
                "theme": w["theme"].pk,
                "text": "Rättad",
                "departments": [w["department"].pk],
            },
        ),
        "insight_add": (
            d("development:insight_add", args=[w["held"].pk]),
            {
                "kind": "need",
                "theme": w["theme"].pk,
                "text": "Ny",
                "departments": [w["department"].pk],
            },
        ),
        "open_case": (
            d("development:insight_open_case", args=[w["insight"].pk]),
            {"case_type": w["case_type"].pk, "department": w["department"].pk},
        ),
        "guest_add": (d("development:guest_add", args=[w["workshop"].pk]), {"name": "Kim"}),
        "guest_remove": (
            d("development:guest_remove", args=[w["workshop"].pk]),
            {"guest": w["guest"].pk},
        ),
        "officials_set": (
            d("development:officials_set", args=[w["workshop"].pk]),
            {"participants": [w["people"]["owner"].pk]},
        ),
        "step_note": (
            d("development:step_note", args=[w["workshop"].pk]),
            {"number": 1, "notes": "x"},
        ),
        "insights_set": (
            d("development:insights_set", args=[w["workshop"].pk]),
            {"insights": [w["insight"].pk]},
        ),
        "idea_move": (d("development:idea_move", args=[w["idea"].pk]), {"to": "preparing"}),
        "idea_publish": (
            d("development:idea_publish", args=[w["realised"].pk]),
            {"published": "1"},
        ),
    }
    url, data = post[view]
    return "post", url, data


def _table():
    rows = [line.split() for line in EXPECTED.strip().splitlines()]
    return {row[0]: dict(zip(ROLES, map(int, row[1:]), strict=True)) for row in rows}


CELLS = [(view, role) for view in _table() for role in ROLES]


@pytest.mark.parametrize(("view", "role"), CELLS)
def test_each_role_gets_what_the_table_says(client, world, view, role):
    user = world["people"][role]
    if user is not None:
        client.force_login(user)
    method, url, data = _request(view, world)
    response = getattr(client, method)(url, data)
    assert response.status_code == _table()[view][role]


def test_the_owner_is_sent_to_sign_in_when_anonymous(client, world):
    response = client.get(reverse("development:visit_list"))
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_every_development_url_is_in_the_matrix(world):
    from django.urls import resolve

    from development.public_urls import urlpatterns as public_patterns
    from development.urls import urlpatterns

    covered = {resolve(_request(view, world)[1]).url_name for view in _table()}
    assert {p.name for p in [*urlpatterns, *public_patterns]} == covered
