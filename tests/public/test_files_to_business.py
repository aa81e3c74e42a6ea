"""An official sends a file with a message; the business downloads it from its tracking page."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from cases.models import Attachment
from cases.services.attachments import add_attachment
from notifications.models import OutboxMessage
from notifications.services import render_message
from public.services.submissions import submit_matter
from tests.cases.factories import a_case

from .conftest import PDF, pdf

pytestmark = pytest.mark.django_db

# The tracking page: 4, its promises (the service guarantees that apply) and the answers to
# the intake questions.
TRACK_QUERIES = 6


def track_url(submitted) -> str:
    return reverse("public:track", args=[submitted.token])


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def send_with_file(client, case, official, file, body="Här är beslutsmallen."):
    english(client)
    client.force_login(official)
    return client.post(
        reverse("cases:message", args=[case.pk]),
        {"message-body": body, "message-file": file},
    )


def test_the_business_downloads_the_file_sent_with_a_message(
    client, submitted, street_officer, django_capture_on_commit_callbacks
):
    case = submitted.case
    with django_capture_on_commit_callbacks(execute=True):
        response = send_with_file(client, case, street_officer, pdf("mall.pdf"))
    assert response.status_code == 302
    staff_page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="sent-to-business"' in staff_page
    mail = OutboxMessage.objects.get(template="cases/email/message_to_business")
    with translation.override("en"):
        _subject, body = render_message(mail)
    assert "mall.pdf" in body

    client.logout()
    page = client.get(track_url(submitted)).content.decode()
    assert "Ladda ner mall.pdf" in page  # the business's page, in Swedish
    file = Attachment.objects.get(original_name="mall.pdf")
    download = client.get(reverse("public:track_file", args=[submitted.token, file.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_refused_file_sends_nothing_and_keeps_the_message(client, submitted, street_officer):
    case = submitted.case
    before = OutboxMessage.objects.count()
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "application/pdf")

    response = send_with_file(client, case, street_officer, bad, body="Text som ska finnas kvar")

    assert response.status_code == 400
    page = response.content.decode()
    assert "This kind of file is not accepted." in page
    assert "Text som ska finnas kvar" in page
    assert not case.messages.exists()
    assert OutboxMessage.objects.count() == before


def test_internal_files_and_other_cases_files_never_reach_the_tracking_page(
    client, submitted, street_officer, teknik
):
    case = submitted.case
    internal = add_attachment(
        case=case,
        by=street_officer,
        uploaded_file=SimpleUploadedFile("intern-bedomning.txt", b"Internt"),
    )
    other = a_case(by=street_officer, department=teknik)
    elsewhere = add_attachment(
        case=other, by=street_officer, uploaded_file=SimpleUploadedFile("annan.txt", b"Annat")
    )

    page = client.get(track_url(submitted)).content.decode()

    assert "intern-bedomning.txt" not in page
    for attachment in (internal, elsewhere):
        url = reverse("public:track_file", args=[submitted.token, attachment.pk])
        assert client.get(url).status_code == 404
    assert client.get(reverse("public:track_file", args=["x" * 43, internal.pk])).status_code == 404


def test_the_business_downloads_its_own_files_too(client, outdoor_seating):
    sent = submit_matter(
        org_number="556036-0793",
        company_name="Café Torget AB",
        contact_name="Kim Karlsson",
        email="kim@cafetorget.example",
        phone="",
        case_type=outdoor_seating,
        description="Ritning bifogad.",
        files=[pdf("egen-ritning.pdf")],
    )
    own = Attachment.objects.get(case=sent.case)

    page = client.get(track_url(sent)).content.decode()

    url = reverse("public:track_file", args=[sent.token, own.pk])
    assert f'href="{url}"' in page
    assert client.get(url).status_code == 200


def test_tracking_page_queries_do_not_grow_with_files(
    client, submitted, street_officer, django_assert_num_queries
):
    for i in range(3):
        send_with_file(client, submitted.case, street_officer, pdf(f"fil-{i}.pdf"))
    client.logout()
    # Token and case; the public events; their messages; the files (no session: no account).
    with django_assert_num_queries(TRACK_QUERIES):
        first = client.get(track_url(submitted))
    for i in range(3, 8):
        send_with_file(client, submitted.case, street_officer, pdf(f"fil-{i}.pdf"))
    client.logout()
    with django_assert_num_queries(TRACK_QUERIES):
        again = client.get(track_url(submitted))
    assert first.status_code == again.status_code == 200
    assert again.content.decode().count('data-testid="files-to-business"') == 8
