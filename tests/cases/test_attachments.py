"""Attachments: the type is read from the bytes, big or disguised files are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from cases.errors import AttachmentRejected
from cases.models import Attachment, CaseEvent, EventKind
from cases.services.attachments import add_attachment, sanitise_name
from tests.factories import DepartmentFactory, official

from .factories import a_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@pytest.fixture
def case(receptionist, reception):
    return a_case(by=receptionist, department=reception)


def upload(client, case, name, content):
    return client.post(
        reverse("cases:upload", args=[case.pk]),
        {"upload-file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_an_official_attaches_a_pdf_and_a_colleague_downloads_it(client, case, receptionist):
    client.force_login(receptionist)

    response = upload(client, case, "Ritning fasad.pdf", PDF)

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "Ritning_fasad.pdf"
    assert attachment.file.name.startswith(f"cases/{case.pk}/")
    assert attachment.file.name.endswith(".pdf")
    assert "Ritning" not in attachment.file.name  # stored under a random name
    assert CaseEvent.objects.filter(case=case, kind=EventKind.ATTACHMENT_ADDED).exists()

    colleague = official(DepartmentFactory())
    client.force_login(colleague)
    download = client.get(reverse("cases:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"


def test_a_program_disguised_as_a_pdf_is_refused_with_a_reason(client, case, receptionist):
    client.force_login(receptionist)

    response = upload(client, case, "faktura.pdf", EXE)

    assert response.status_code == 400
    assert "Filtypen läses från innehållet" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_oversized_file_is_refused(client, case, receptionist, settings):
    settings.CASE_ATTACHMENT_MAX_BYTES = 1024
    client.force_login(receptionist)

    response = upload(client, case, "stor.png", PNG + b"\x00" * 2048)

    assert response.status_code == 400
    assert "Filen är för stor" in response.content.decode()
    assert not Attachment.objects.exists()


def test_plain_text_is_accepted_only_as_clean_utf8(case, receptionist):
    ok = add_attachment(
        case=case,
        by=receptionist,
        uploaded_file=SimpleUploadedFile("brev.txt", "Hej, här är vår fråga.".encode()),
    )
    assert ok.content_type == "text/plain"

    with pytest.raises(AttachmentRejected):
        add_attachment(
            case=case,
            by=receptionist,
            uploaded_file=SimpleUploadedFile("data.txt", b"abc\x00\x01\x02def"),
        )
    with pytest.raises(AttachmentRejected):
        add_attachment(
            case=case,
            by=receptionist,
            uploaded_file=SimpleUploadedFile("latin1.txt", "Åre".encode("latin-1") + b"\xff"),
        )


def test_the_type_comes_from_the_bytes_not_the_name(case, receptionist):
    attachment = add_attachment(
        case=case, by=receptionist, uploaded_file=SimpleUploadedFile("bild.pdf", PNG)
    )

    assert attachment.content_type == "image/png"
    assert attachment.file.name.endswith(".png")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\evil.pdf", "evil.pdf"),
        ('Offert <2026> för "Café".pdf', "Offert_2026_för_Café.pdf"),
        ("x" * 300 + ".pdf", "x" * 96 + ".pdf"),
        ("..", "bilaga"),
    ],
)
def test_file_names_are_sanitised(raw, clean):
    assert sanitise_name(raw) == clean


def test_a_stranger_cannot_download_from_a_confidential_case(
    client, receptionist, reception, food_registration
):
    secret = a_case(
        by=receptionist, department=reception, case_type=food_registration, confidential=True
    )
    attachment = add_attachment(
        case=secret, by=receptionist, uploaded_file=SimpleUploadedFile("a.pdf", PDF)
    )
    client.force_login(official(DepartmentFactory(), Role.LOTS))

    assert client.get(reverse("cases:attachment", args=[attachment.pk])).status_code == 404
