"""Item 7 of issue 10: the database cannot be reached for a while.

Every page answers 503 with ``Retry-After`` and a page saying the service is briefly
unavailable (rendered without the database); a public form sent in that moment comes back
with everything typed, and sending that page again once the database is back stores once.
The database connection really is refused: it points at a closed port on 127.0.0.1.
"""

import pytest
from django.urls import reverse

from accounts.models import Role
from cases.models import Case, Message
from tests.factories import DepartmentFactory, official
from tests.public.conftest import keyed, swedish

from .conftest import database_unreachable, form_fields

pytestmark = pytest.mark.django_db(transaction=True)

INTAKE = "/foretag/"
UNAVAILABLE = "The service is briefly unavailable"


def assert_unavailable(response) -> str:
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert swedish(UNAVAILABLE) in page
    return page


def test_the_public_form_answers_503_with_retry_after_while_the_database_is_down(client):
    with database_unreachable():
        response = client.get(INTAKE)
    page = assert_unavailable(response)
    assert "<form" not in page  # nothing was sent: nothing to keep


def test_a_matter_sent_while_the_database_is_down_comes_back_with_everything_typed(
    client, form_data
):
    with database_unreachable():
        response = client.post(INTAKE, form_data)
    page = assert_unavailable(response)
    kept = form_fields(page)
    for name in ("org_number", "company_name", "contact_name", "email", "phone", "description"):
        assert kept[name] == form_data[name], name
    assert kept["case_type"] == form_data["case_type"]
    assert kept["preferred_contact"] == "email"
    assert kept["consent"] == "on"
    assert kept["once_key"] == form_data["once_key"]

    # The database is back: sending the page's form stores the matter, once.
    first = client.post(INTAKE, kept)
    assert first.status_code == 302, first.content.decode()
    assert client.post(INTAKE, kept).status_code == 302
    assert Case.objects.count() == 1
    assert Case.objects.get().description == form_data["description"]


def test_a_reply_sent_while_the_database_is_down_keeps_its_text(client, submitted):
    url = reverse("public:track", args=[submitted.token])
    with database_unreachable():
        response = client.post(url, keyed({"body": "Här är ritningen över torget."}))
    kept = form_fields(assert_unavailable(response))
    assert kept["body"] == "Här är ritningen över torget."

    assert client.post(url, kept).status_code == 302
    assert Message.objects.get(case=submitted.case).body == "Här är ritningen över torget."


def test_a_signed_in_official_gets_the_503_page_not_the_500_page(client):
    officer = official(DepartmentFactory(), Role.LOTS)
    client.force_login(officer)
    # As a real server: a middleware reading the user (the second-factor check) raises
    # outside the view, and the 500 handler answers 503; the test client would re-raise.
    client.raise_request_exception = False
    with database_unreachable():
        response = client.get(reverse("cases:list"))
    assert_unavailable(response)
    # Back: the same session works again.
    assert client.get(reverse("cases:list")).status_code == 200


@pytest.mark.parametrize("path", ["/finns-inte/", "/arenden/999999/"])
def test_an_error_page_that_needs_the_database_answers_503_not_500(client, path):
    # The 404 page's navigation reads the signed-in user: the database error is raised by
    # the error page, outside any view, and reaches the 500 handler.
    officer = official(DepartmentFactory(), Role.LOTS)
    client.force_login(officer)
    client.raise_request_exception = False  # as a real server: the handler answers
    with database_unreachable():
        response = client.get(path)
    assert_unavailable(response)


def test_other_server_errors_still_get_the_500_page(client, monkeypatch):
    import lotsportal.views

    def broken(request):
        raise RuntimeError("a bug, not the database")

    monkeypatch.setattr(lotsportal.views, "render", lambda *a, **k: broken(None))
    client.raise_request_exception = False
    response = client.get("/tillganglighet/")
    assert response.status_code == 500
    assert "Något gick fel hos oss" in response.content.decode()
