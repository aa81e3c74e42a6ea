"""Role by view: every knowledge-bank view answered for every kind of user.

The world: Samhällsbyggnad owns a published internal article, a published public one and a
draft; an open case and a confidential case of Samhällsbyggnad each have a message to the
business (its lead department is the case type's, not Samhällsbyggnad: only its coordinator
and the administrator see it among these roles). Roles: an anonymous visitor, a user without
a department, a lots of another department (stranger), a lots of the owner department
(owner), a samordnare of Näringsliv and an administrator. Codes: 200 shown, 302 done (or
sent to sign in), 403 refused, 404 not seen.
Each cell is its own test with a fresh world (the writes do not meet).
"""

import pytest
from django.urls import reverse

from accounts.models import Role
from cases.services.communication import send_message_to_business
from tests.cases.factories import a_case
from tests.factories import DepartmentFactory, UserFactory, official

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_department", "stranger", "owner", "samordnare", "admin"]

EXPECTED = """
view                 anonymous no_department stranger owner samordnare admin
list                 302       403           200      200   200        200
search               302       403           200      200   200        200
create               302       403           200      200   200        200
detail               302       403           200      200   200        200
detail_draft         302       403           404      200   200        200
version              302       403           200      200   200        200
version_draft        302       403           404      200   200        200
edit                 302       403           403      200   200        200
publish              302       403           404      302   302        302
archive              302       403           403      302   302        302
due                  302       403           200      200   200        200
gaps                 302       403           403      403   200        200
suggest              302       403           200      200   200        200
export               302       403           403      403   200        200
import               302       403           403      403   200        200
from_message         302       403           302      302   302        302
from_message_secret  302       403           404      404   404        302
propose              302       403           302      302   302        302
faq_list             200       200           200      200   200        200
faq_detail           200       200           200      200   200        200
faq_detail_internal  404       404           404      404   404        404
"""


def _table():
    header, *rows = [line.split() for line in EXPECTED.strip().splitlines()]
    assert header[1:] == ROLES
    return {row[0]: dict(zip(ROLES, map(int, row[1:]), strict=True)) for row in rows}


@pytest.fixture
def world(write, bygg, builder):
    people = {
        "anonymous": None,
        "no_department": UserFactory(),
        "stranger": official(DepartmentFactory(code="annan"), Role.LOTS),
        "owner": official(bygg, Role.LOTS),
        "samordnare": official(DepartmentFactory(code="naringsliv"), Role.SAMORDNARE),
        "admin": UserFactory(is_staff=True, is_superuser=True),
    }
    open_case = a_case(by=builder, department=bygg)
    secret = a_case(by=builder, department=bygg, confidential=True)
    return {
        "people": people,
        "published": write(question="Intern publicerad fråga", publish=True),
        "public": write(question="Publik fråga", audience="public", publish=True),
        "draft": write(question="Ett utkast"),
        "message": send_message_to_business(case=open_case, by=builder, body="Svar A"),
        "secret_message": send_message_to_business(case=secret, by=builder, body="Svar B"),
    }


def _r(name, *args):
    return reverse(name, args=args)


REQUESTS = {
    "list": ("get", lambda w: _r("knowledge:list")),
    "search": ("get", lambda w: _r("knowledge:list") + "?q=fråga"),
    "create": ("get", lambda w: _r("knowledge:create")),
    "detail": ("get", lambda w: _r("knowledge:detail", w["published"].pk)),
    "detail_draft": ("get", lambda w: _r("knowledge:detail", w["draft"].pk)),
    "version": ("get", lambda w: _r("knowledge:version", w["published"].pk, 1)),
    "version_draft": ("get", lambda w: _r("knowledge:version", w["draft"].pk, 1)),
    "edit": ("get", lambda w: _r("knowledge:edit", w["published"].pk)),
    "publish": ("post", lambda w: _r("knowledge:action", w["draft"].pk, "publicera")),
    "archive": ("post", lambda w: _r("knowledge:action", w["published"].pk, "arkivera")),
    "due": ("get", lambda w: _r("knowledge:due")),
    "gaps": ("get", lambda w: _r("knowledge:gaps")),
    "suggest": ("get", lambda w: _r("knowledge:suggest") + "?title=bygglov"),
    "export": ("get", lambda w: _r("knowledge:export")),
    "import": ("get", lambda w: _r("knowledge:import")),
    "from_message": ("post", lambda w: _r("knowledge:from_message", w["message"].pk)),
    "from_message_secret": (
        "post",
        lambda w: _r("knowledge:from_message", w["secret_message"].pk),
    ),
    "propose": ("post", lambda w: _r("knowledge:propose", w["published"].pk)),
    "faq_list": ("get", lambda w: _r("knowledge_public:list")),
    "faq_detail": ("get", lambda w: _r("knowledge_public:detail", w["public"].pk)),
    "faq_detail_internal": ("get", lambda w: _r("knowledge_public:detail", w["published"].pk)),
}


def test_every_view_has_a_row():
    assert sorted(_table()) == sorted(REQUESTS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", sorted(REQUESTS))
def test_view_answers_role_as_the_table_says(client, world, view, role):
    user = world["people"][role]
    if user is not None:
        client.force_login(user)
    method, url = REQUESTS[view]
    response = getattr(client, method)(url(world))
    assert response.status_code == _table()[view][role]
