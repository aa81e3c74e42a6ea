"""Standard texts: kept in the admin, inserted in a message or a decision on the case page."""

import pytest
from django.conf import settings
from django.urls import reverse

from cases.models import StandardText, TextUse
from cases.workflow import CaseStatus

from .factories import CaseTypeFactory, a_case

pytestmark = pytest.mark.django_db


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def texts(food_registration):
    return {
        "welcome": StandardText.objects.create(
            title="Välkommen",
            body_sv="Hej {contact}! Ditt ärende {case_number} för {company} handläggs av "
            "{coordinator}. {unknown} {title.__class__}",
            body_en="Hello {contact}! Your case {case_number} is handled by {coordinator}.",
            use=TextUse.MESSAGE,
        ),
        "approved": StandardText.objects.create(
            title="Beviljad registrering",
            body_sv="Registreringen av {company} är klar.",
            use=TextUse.DECISION,
            case_type=food_registration,
            status=CaseStatus.DECIDED,
        ),
        "other_type": StandardText.objects.create(
            title="Bygglov beviljat", body_sv="Bygglovet är beviljat.", case_type=CaseTypeFactory()
        ),
        "waiting_only": StandardText.objects.create(
            title="Påminnelse", body_sv="Vi väntar på er.", status=CaseStatus.WAITING
        ),
        "retired": StandardText.objects.create(
            title="Gammal text", body_sv="Gammal.", is_active=False
        ),
    }


@pytest.fixture
def case(inspector, miljo, food_registration):
    return a_case(by=inspector, department=miljo, case_type=food_registration)


def test_the_case_page_offers_the_texts_for_its_type_and_status(client, inspector, case, texts):
    _english(client)
    client.force_login(inspector)

    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()

    message_picker = html.split('id="message-standard-text"')[1].split("</select>")[0]
    decision_picker = html.split('id="decision-standard-text"')[1].split("</select>")[0]
    assert "Välkommen" in message_picker and "Beviljad registrering" not in message_picker
    assert "Beviljad registrering" in decision_picker and "Välkommen" not in decision_picker
    for absent in ("Bygglov beviljat", "Påminnelse", "Gammal text"):
        assert absent not in html
    assert "js/standard_texts.js" in html


def test_without_javascript_the_text_is_added_to_what_was_typed_with_placeholders_filled(
    client, inspector, case, texts
):
    _english(client)
    client.force_login(inspector)

    response = client.post(
        reverse("cases:standard_text", args=[case.pk]),
        {
            "message-body": "Tack för samtalet.",
            "message-standard-text": texts["welcome"].pk,
            "message-standard-lang": "sv",
            "standard-for": "message",
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    textarea = html.split('id="id_message-body"')[1].split("</textarea>")[0]
    contact = case.contact.name
    assert "Tack för samtalet.\n\nHej " in textarea
    assert f"Ditt ärende {case.number} för {case.company.name}" in textarea
    assert f"handläggs av {inspector.full_name}." in textarea
    # Only the known names are filled; anything else stays as written (no attribute access).
    assert "{unknown} {title.__class__}" in textarea
    assert contact in textarea
    assert not case.messages.exists()  # nothing is sent by inserting


def test_the_english_text_goes_into_the_decision_and_the_status_form_keeps_its_choice(
    client, inspector, case, texts
):
    texts["approved"].body_en = "The registration of {company} is done."
    texts["approved"].save()
    _english(client)
    client.force_login(inspector)

    response = client.post(
        reverse("cases:standard_text", args=[case.pk]),
        {
            "status-to": "decided",
            "status-comment": "Intern kommentar",
            "decision-standard-text": texts["approved"].pk,
            "decision-standard-lang": "en",
            "standard-for": "decision",
        },
    )

    html = response.content.decode()
    to_business = html.split('id="id_status-to_business"')[1].split("</textarea>")[0]
    assert f"The registration of {case.company.name} is done." in to_business
    assert '<option value="decided" selected>' in html
    assert "Intern kommentar" in html


def test_a_text_not_offered_for_the_case_is_refused(client, inspector, case, texts):
    _english(client)
    client.force_login(inspector)

    response = client.post(
        reverse("cases:standard_text", args=[case.pk]),
        {"message-standard-text": texts["other_type"].pk, "standard-for": "message"},
    )

    assert response.status_code == 400
    assert "Choose one of the standard texts offered." in response.content.decode()


def test_an_administrator_adds_a_text_in_the_admin_with_its_history(admin_client):
    from confighistory.models import ConfigChange

    response = admin_client.post(
        reverse("admin:cases_standardtext_add"),
        {
            "title": "Komplettering",
            "body_sv": "Vi behöver fler uppgifter om {company}.",
            "body_en": "",
            "use": "message",
            "case_type": "",
            "status": "",
            "is_active": "on",
            "position": 0,
        },
    )

    assert response.status_code == 302
    text = StandardText.objects.get(title="Komplettering")
    assert ConfigChange.objects.filter(object_id=str(text.pk)).exists()
