"""Issue 13, defect 2: the first work on a new case moves it from "Nytt" to "Pågående".

Departments took on and answered a referral while the case stayed "Nytt"; lists and statistics
showed worked cases as new. Taking a referral on, answering it, writing to the business and the
coordinator's note each open a new case, by the moves table, with its event on the timeline.
"""

import pytest
from django.urls import reverse

from cases.models import Case
from cases.services.referrals import route_case
from cases.workflow import CaseStatus
from tests.factories import official

from .factories import a_case

pytestmark = pytest.mark.django_db


def _status_on_page(client, case) -> str:
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    start = page.index('data-testid="case-status"')
    return page[start : page.index("</p>", start)]


def _timeline(client, case) -> str:
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    start = page.index('data-testid="timeline"')
    return page[start : page.index("</ol>", start)]


def test_taking_on_a_referral_opens_a_new_case(client, receptionist, reception, miljo, inspector):
    case = a_case(by=receptionist, department=reception)
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")
    client.force_login(inspector)
    assert "Nytt" in _status_on_page(client, case)

    client.post(reverse("cases:referral_action", args=[referral.pk, "ta-emot"]))

    assert "Pågående" in _status_on_page(client, case)
    assert "Nytt → Pågående" in _timeline(client, case)
    new = client.get(reverse("cases:list"), {"status": "new"}).content.decode()
    worked = client.get(reverse("cases:list"), {"status": "open"}).content.decode()
    assert case.number not in new
    assert case.number in worked


def test_answering_a_referral_at_once_opens_the_case(
    client, receptionist, reception, miljo, inspector
):
    case = a_case(by=receptionist, department=reception)
    referral = route_case(case=case, department=miljo, by=receptionist, request_text="Fråga")
    client.force_login(inspector)

    client.post(
        reverse("cases:referral_action", args=[referral.pk, "svara"]),
        {f"answer-{referral.pk}-answer_text": "Ja."},
    )

    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN
    assert "Pågående" in _status_on_page(client, case)


def test_a_message_to_the_business_opens_the_case_once(client, receptionist, reception):
    case = a_case(by=receptionist, department=reception)
    client.force_login(receptionist)

    client.post(reverse("cases:message", args=[case.pk]), {"message-body": "Hej!"})
    client.post(reverse("cases:message", args=[case.pk]), {"message-body": "En sak till."})

    assert "Pågående" in _status_on_page(client, case)
    assert _timeline(client, case).count("Nytt → Pågående") == 1


def test_the_coordinators_note_opens_the_case_a_colleagues_note_does_not(
    client, receptionist, reception
):
    case = a_case(by=receptionist, department=reception)  # the opener coordinates
    colleague = official(reception, full_name="Bo Berg")
    client.force_login(colleague)
    client.post(reverse("cases:note", args=[case.pk]), {"note-body": "Såg detta."})
    assert "Nytt" in _status_on_page(client, case)

    client.force_login(receptionist)
    client.post(reverse("cases:note", args=[case.pk]), {"note-body": "Ringer i morgon."})

    assert "Pågående" in _status_on_page(client, case)
    assert Case.objects.get(pk=case.pk).first_response_at is None  # the business heard nothing
