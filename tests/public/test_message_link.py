"""An official writes to the business: the e-mail says where to read and answer it."""

import pytest
from django.conf import settings
from django.urls import reverse

from cases.services.cases import change_coordinator
from cases.services.communication import send_message_to_business
from lotsportal.public_forms import new_once_key
from notifications.models import OutboxMessage
from notifications.services import render_message

from .conftest import BUSINESS, started, swedish

pytestmark = pytest.mark.django_db

WHERE_TO_ANSWER = (
    "You can read and answer this message on the page of your case %(case_number)s. "
    "Get the link to it at %(resend_link_url)s with this e-mail address."
)


def test_the_message_e_mail_leads_the_business_to_its_case_page_to_answer(
    client, submitted, street_officer, mailoutbox, django_capture_on_commit_callbacks
):
    case = submitted.case
    change_coordinator(case=case, coordinator=street_officer, by=street_officer)
    send_message_to_business(case=case, by=street_officer, body="Skicka gärna en ritning.")

    outbox = OutboxMessage.objects.get(template="cases/email/message_to_business")
    _subject, body = render_message(outbox)
    resend_page = settings.SITE_URL + reverse("public:resend_link")
    assert resend_page.endswith("/foretag/lank/")
    assert "Skicka gärna en ritning." in body
    assert swedish(WHERE_TO_ANSWER, case_number=case.number, resend_link_url=resend_page) in body
    # No raw tracking token is stored, so none can be in the e-mail.
    assert "/foretag/arende/" not in body

    # The business follows the e-mail: asks for its link, opens it and answers.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(resend_page, {"email": BUSINESS, "form_started": started()})
    [links] = [m for m in mailoutbox if "/foretag/arende/" in m.body]
    link = links.body.split(settings.SITE_URL)[1].split()[0]
    page = client.get(link).content.decode()
    assert "Skicka gärna en ritning." in page
    assert client.post(link, {"once_key": new_once_key(), "body": "Här är den."}).status_code == 302
    assert case.messages.filter(body="Här är den.").exists()
