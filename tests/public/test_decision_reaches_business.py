"""Issue 13, defects 3 and 4: the business is told of the decision, and the one who decides
coordinates.

The coordinator's comment showed on the tracking page only as "Ny status: Beslutat" and no
e-mail told the business; a case decided with no coordinator told the business "Din samordnare:
Inte utsedd ännu". Now a decision or closing carries a text for the business, shown on its
tracking page and e-mailed with a link to that page, and whoever decides a case that has no
coordinator becomes it.
"""

import re

import pytest
from django.urls import reverse

from cases.models import Case
from notifications.models import OutboxMessage
from notifications.services import render_message

from .conftest import BUSINESS, swedish

pytestmark = pytest.mark.django_db

DECISION = "Ni får ställa ut åtta bord från den 1 maj till den 30 september."


def test_the_business_reads_the_decision_on_its_page_and_in_its_mail(
    client, submitted, street_officer, django_capture_on_commit_callbacks
):
    case = submitted.case
    assert case.coordinator is None  # the public form names nobody
    client.force_login(street_officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cases:status", args=[case.pk]),
            {
                "status-to": "decided",
                "status-comment": "Polisen tillstyrker.",
                "status-to_business": DECISION,
            },
        )
    assert response.status_code == 302

    client.logout()
    page = client.get(reverse("public:track", args=[submitted.token])).content.decode()
    assert "Ny status: Beslutat" in page
    assert DECISION in page
    assert "Polisen tillstyrker." not in page  # the comment stays internal
    # Defect 4: the one who decided coordinates, and the business is told who.
    assert Case.objects.get(pk=case.pk).coordinator == street_officer
    assert "David Persson, Teknik och gata" in page
    assert (
        swedish("Not yet named – %(department)s is taking your matter.", department="") not in page
    )

    mail = OutboxMessage.objects.get(recipient=BUSINESS, template="cases/email/case_finished")
    subject, body = render_message(mail)
    assert case.number in subject
    assert DECISION in body
    assert "Polisen tillstyrker." not in body
    link = re.search(r"https?://\S+/arende/\S+/", body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    assert DECISION in client.get(path).content.decode()


def test_deciding_without_a_text_for_the_business_is_refused_and_keeps_what_was_typed(
    client, submitted, street_officer
):
    client.force_login(street_officer)
    response = client.post(
        reverse("cases:status", args=[submitted.case.pk]),
        {"status-to": "closed", "status-comment": "Klart från vår sida."},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert swedish("Write what the business is told of the decision or closing.") in page
    assert "Klart från vår sida." in page
    assert Case.objects.get(pk=submitted.case.pk).status == "new"
    assert not OutboxMessage.objects.filter(template="cases/email/case_finished").exists()


def test_a_case_with_a_coordinator_keeps_it_when_someone_else_decides(
    client, submitted, street_officer, teknik
):
    from accounts.models import Role
    from cases.services.cases import change_coordinator
    from tests.factories import official

    colleague = official(teknik, Role.LOTS, full_name="Eva Ek")
    change_coordinator(case=submitted.case, coordinator=colleague, by=street_officer)
    client.force_login(street_officer)

    client.post(
        reverse("cases:status", args=[submitted.case.pk]),
        {"status-to": "decided", "status-to_business": DECISION},
    )

    assert Case.objects.get(pk=submitted.case.pk).coordinator == colleague
