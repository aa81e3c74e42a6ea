"""An administrator rewords an e-mail in the admin, previews it, and the portal sends it."""

import pytest
from django.urls import reverse

from confighistory.models import ConfigChange
from notifications.models import EmailText, OutboxMessage
from tests.cases.factories import a_case
from tests.factories import DepartmentFactory, official

pytestmark = pytest.mark.django_db

TEMPLATE = "cases/email/message_to_business"


def _add(admin_client, **fields):
    data = {
        "template": TEMPLATE,
        "language": "sv",
        "subject": "Nytt från kommunen om {{ case_number }}",
        "body": "Hej {{ contact_name }}!\n\n{{ body }}\n\n/{{ official_name }}, "
        "{{ MUNICIPALITY_NAME }} {{ case_title.__class__ }} {% debug %}",
        "is_active": "on",
        **fields,
    }
    return admin_client.post(reverse("admin:notifications_emailtext_add"), data)


def test_the_edited_text_is_sent_and_the_shipped_one_comes_back_when_it_is_off(
    admin_client, client, mailoutbox, django_capture_on_commit_callbacks
):
    assert _add(admin_client).status_code == 302
    text = EmailText.objects.get()
    assert ConfigChange.objects.filter(object_id=str(text.pk)).exists()
    department = DepartmentFactory()
    official_user = official(department, full_name="Anna Andersson")
    case = a_case(by=official_user, department=department, title="Uteservering")
    client.force_login(official_user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cases:message", args=[case.pk]), {"message-body": "Skicka en skiss."})

    sent = mailoutbox[-1]
    assert sent.subject == f"Nytt från kommunen om {case.number}"
    assert sent.body.startswith(f"Hej {case.contact.name}!\n\nSkicka en skiss.\n\n/Anna Andersson")
    # Plain placeholders only: no attribute lookups, no template tags.
    assert "{{ case_title.__class__ }} {% debug %}" in sent.body
    assert OutboxMessage.objects.get().template == TEMPLATE  # the outbox row is as before

    response = admin_client.post(
        reverse("admin:notifications_emailtext_change", args=[text.pk]),
        {"template": TEMPLATE, "language": "sv", "subject": text.subject, "body": text.body},
    )
    assert response.status_code == 302
    assert ConfigChange.objects.filter(object_id=str(text.pk)).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cases:message", args=[case.pk]), {"message-body": "Igen."})
    assert mailoutbox[-1].subject == f"Ditt ärende {case.number}: Uteservering"


def test_the_change_page_previews_the_text_with_example_values_next_to_the_shipped_one(
    admin_client,
):
    _add(
        admin_client,
        language="en",
        subject="About {{ case_number }}",
        body="Dear {{ contact_name }}",
    )
    text = EmailText.objects.get()

    page = admin_client.get(
        reverse("admin:notifications_emailtext_change", args=[text.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()

    preview = page.split('data-testid="email-preview"')[1].split("</div>")[0]
    assert "About LOTS 2026/12" in preview and "Dear Kim Företagare" in preview
    shipped = page.split('data-testid="email-shipped"')[1].split("</div>")[0]
    assert "Your case LOTS 2026/12: Uteservering vid torget" in shipped
    assert "{{ contact_name }}" in page  # the placeholders offered


def test_an_english_message_keeps_the_shipped_text_when_only_swedish_was_edited(admin_client):
    from notifications.email_texts import render

    _add(admin_client)

    subject, body = render(TEMPLATE, "en", {"case_number": "LOTS 2026/1", "case_title": "Kafé"})

    assert subject == "Your case LOTS 2026/1: Kafé"


def test_every_shipped_email_can_be_chosen(admin_client):
    page = admin_client.get(reverse("admin:notifications_emailtext_add")).content.decode()

    for name in (TEMPLATE, "public/email/receipt", "training/email/diploma_ready"):
        assert f'value="{name}"' in page
