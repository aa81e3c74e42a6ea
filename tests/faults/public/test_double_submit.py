"""Item 6 of issue 10: the same public form sent twice stores once and shows the first result.

Each rendered form carries a one-time key. A replayed POST and two POSTs at the same moment
(threads with their own database connections, on PostgreSQL) each get the first send's
result: the same receipt, the same reply confirmation, the same thank-you page.
"""

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Message
from cases.services.cases import change_status
from cases.workflow import CaseStatus
from notifications.models import OutboxMessage
from public.models import SubmissionKey, SurveyResponse
from public.services.submissions import submit_matter
from public.services.survey import invite_case
from public.tokens import survey_token
from tests.public.conftest import BUSINESS, keyed, swedish
from tests.public.test_survey import ANSWERS

INTAKE = "/foretag/"


def receipts() -> int:
    return OutboxMessage.objects.filter(recipient=BUSINESS).count()


def case_number_on(client: Client, response) -> str:
    page = client.get(response["Location"]).content.decode()
    found = re.search(r'id="case-number">([^<]+)<', page)
    assert found, page
    return found.group(1)


def at_once(send, times: int = 2) -> list:
    """``send(client)`` from ``times`` threads at the same moment, each with its own client
    and database connection; returns (client, response) pairs."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent sends are tested on PostgreSQL")
    barrier = threading.Barrier(times)
    results: list = []
    errors: list[BaseException] = []

    def one() -> None:
        client = Client()
        try:
            barrier.wait()
            results.append((client, send(client)))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == times
    return results


THANKS = "first-answer"


def thank_you(response) -> str:
    """Which page the survey answered with: the thank-you for an answer, or "already"."""
    page = response.content.decode()
    assert "<main" in page
    already = swedish("The survey for this case has already been answered. Thank you!")
    return "already" if already in page else THANKS


def finished_and_invited(case, by):
    change_status(case=case, to=CaseStatus.CLOSED, by=by)
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(hours=30))
    return invite_case(case=Case.objects.get(pk=case.pk))


def key_on(page) -> str:
    found = re.search(r'name="once_key" value="([^"]+)"', page.content.decode())
    assert found, "the form carries no one-time key"
    return found.group(1)


@pytest.mark.django_db
def test_every_public_form_carries_a_new_one_time_key_each_time_it_is_shown(
    client, submitted, street_officer
):
    for url in (INTAKE, reverse("public:track", args=[submitted.token])):
        assert key_on(client.get(url)) != key_on(client.get(url)), url
    finished_and_invited(submitted.case, street_officer)
    survey = reverse("public:survey", args=[survey_token(submitted.case.pk)])
    assert key_on(client.get(survey)) != key_on(client.get(survey))


# --- The matter (intake) ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_replayed_matter_is_stored_once_and_shows_the_same_receipt(client, form_data):
    first = client.post(INTAKE, form_data)
    number = case_number_on(client, first)
    again = Client().post(INTAKE, form_data)  # the same form, from a browser without the cookie

    assert first.status_code == again.status_code == 302
    assert Case.objects.count() == 1
    assert receipts() == 1
    other = Client()
    other.cookies = again.cookies
    assert case_number_on(other, again) == number
    link = re.search(r"/foretag/arende/[^/<\"]+/", other.get(again["Location"]).content.decode())
    assert link and Client().get(link.group(0)).status_code == 200  # the replay's link works


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_send_stores_one_matter(form_data):
    results = at_once(lambda client: client.post(INTAKE, form_data))

    assert [response.status_code for _client, response in results] == [302, 302]
    assert Case.objects.count() == 1
    assert SubmissionKey.objects.count() == 1
    assert receipts() == 1
    numbers = {case_number_on(client, response) for client, response in results}
    assert numbers == {Case.objects.get().number}


@pytest.mark.django_db
def test_a_form_with_an_error_keeps_its_key_and_the_corrected_send_is_stored_once(
    client, form_data
):
    without_consent = {k: v for k, v in form_data.items() if k != "consent"}
    page = client.post(INTAKE, without_consent)
    assert page.status_code == 200
    assert f'value="{form_data["once_key"]}"' in page.content.decode()
    assert not SubmissionKey.objects.exists()

    assert client.post(INTAKE, form_data).status_code == 302
    assert client.post(INTAKE, form_data).status_code == 302
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_a_forged_key_is_refused_with_the_text_kept_and_a_new_key(client, form_data):
    page = client.post(INTAKE, {**form_data, "once_key": "forged"}).content.decode()
    assert not Case.objects.exists()
    assert form_data["description"] in page
    new_key = re.search(r'name="once_key" value="([^"]+)"', page).group(1)  # a new one
    assert client.post(INTAKE, {**form_data, "once_key": new_key}).status_code == 302
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_two_forms_filled_in_one_after_the_other_are_two_matters(client, form_data):
    client.post(INTAKE, form_data)
    client.post(INTAKE, keyed({**form_data, "description": "Ett nytt ärende om skyltar."}))
    assert Case.objects.count() == 2


# --- The reply on the tracking page --------------------------------------------------------


@pytest.mark.django_db
def test_a_replayed_reply_is_added_once_and_shows_the_same_confirmation(client, submitted):
    url = reverse("public:track", args=[submitted.token])
    data = keyed({"body": "Här är ritningen."})
    first = client.post(url, data)
    again = client.post(url, data)

    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Message.objects.filter(case=submitted.case).count() == 1
    page = client.get(again["Location"]).content.decode()
    assert "Här är ritningen." in page


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_reply_adds_one_message(submitted):
    url = reverse("public:track", args=[submitted.token])
    data = keyed({"body": "Vi kan börja i maj."})
    results = at_once(lambda client: client.post(url, data))

    assert [response.status_code for _client, response in results] == [302, 302]
    assert Message.objects.filter(case=submitted.case).count() == 1


# --- The satisfaction survey ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_replayed_survey_answer_shows_the_same_thank_you(client, submitted, street_officer):
    finished_and_invited(submitted.case, street_officer)
    url = reverse("public:survey", args=[survey_token(submitted.case.pk)])
    data = keyed(ANSWERS)
    first = client.post(url, data)
    again = client.post(url, data)

    assert first.status_code == again.status_code == 200
    assert thank_you(again) == thank_you(first)  # the same page, not "already answered"
    assert SurveyResponse.objects.filter(case=submitted.case).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_the_survey_stores_one_answer(submitted, street_officer):
    finished_and_invited(submitted.case, street_officer)
    url = reverse("public:survey", args=[survey_token(submitted.case.pk)])
    data = keyed(ANSWERS)
    results = at_once(lambda client: client.post(url, data))

    assert [response.status_code for _client, response in results] == [200, 200]
    assert {thank_you(response) for _client, response in results} == {THANKS}
    assert SurveyResponse.objects.filter(case=submitted.case).count() == 1


@pytest.mark.django_db
def test_a_reply_key_sent_again_on_another_case_stores_nothing_there(client, submitted):
    other = submit_matter(
        org_number="556016-0680",
        company_name="Exempelby Handel AB",
        contact_name="Robin Ek",
        email="robin@handel.example",
        case_type=submitted.case.case_type,
        description="Skyltning.",
    )
    data = keyed({"body": "Här är ritningen."})
    assert client.post(reverse("public:track", args=[submitted.token]), data).status_code == 302
    refused = client.post(reverse("public:track", args=[other.token]), data)

    assert refused.status_code == 409
    assert not Message.objects.filter(case=other.case).exists()
    assert "Här är ritningen." in refused.content.decode()  # the text is kept
