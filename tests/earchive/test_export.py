"""A closed case leaves for the e-archive as an information package that the E-ARK validator
accepts (structure, METS schema and the CSIP/SIP rules), with the case file in ERMS, its
documents and its timeline; the export is recorded on the case."""

from __future__ import annotations

import hashlib
import zipfile
from xml.etree import ElementTree as ET  # noqa: S405 - our own output

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role
from cases.errors import CaseError
from cases.models import CaseEvent, EventKind
from cases.services.attachments import add_attachment
from cases.services.cases import change_status
from cases.services.communication import send_message_to_business
from cases.services.referrals import route_case
from cases.workflow import CaseStatus
from earchive.erms import ERMS_NS
from earchive.services import export_case_for_archive
from earchive.validation import validate_package
from tests.cases.factories import a_case
from tests.factories import DepartmentFactory, UserFactory, official

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def closed_case(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EARCHIVE_ROOT = tmp_path / "earchive"
    desk = official(DepartmentFactory(name="Näringsliv"), Role.SAMORDNARE)
    case = a_case(by=desk, title="Uteservering vid torget")
    route_case(
        case=case, department=DepartmentFactory(name="Miljö"), by=desk, request_text="Tillstånd?"
    )
    send_message_to_business(case=case, by=desk, body="Vi behöver en ritning.")
    add_attachment(case=case, by=desk, uploaded_file=SimpleUploadedFile("ritning.pdf", PDF))
    change_status(case=case, to=CaseStatus.CLOSED, by=desk, to_business="Klart.")
    case.refresh_from_db()
    return case


def _members(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_closed_case_becomes_a_valid_information_package(closed_case, tmp_path):
    package = export_case_for_archive(case=closed_case)

    files = _members(package.path)
    root = package.package_id
    assert set(files) >= {
        f"{root}/METS.xml",
        f"{root}/metadata/descriptive/ERMS.xml",
        f"{root}/representations/rep1/METS.xml",
        f"{root}/representations/rep1/data/tidslinje.csv",
        f"{root}/representations/rep1/data/dokument/001_ritning.pdf",
    }
    assert files[f"{root}/representations/rep1/data/dokument/001_ritning.pdf"] == PDF

    with zipfile.ZipFile(package.path) as archive:
        archive.extractall(tmp_path / "unpacked")
    result = validate_package(tmp_path / "unpacked" / root)
    assert result.structure_ok and result.schema_ok
    assert result.errors == ()
    assert result.valid
    # What the validator flags as errors are only its known contradictions with CSIP
    # (earchive/validation.py); the rule CSIP63 guards holds for the representation group.
    assert {w.rule for w in result.warnings if w.severity == "Error"} <= {"SIP14", "CSIP63"}
    mets = ET.fromstring(files[f"{root}/METS.xml"])  # noqa: S314
    group = mets.find(".//{http://www.loc.gov/METS/}fileGrp[@USE='Representations/rep1']")
    csip = "{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}"
    assert group.get(f"{csip}CONTENTINFORMATIONTYPE") == "OTHER"
    assert group.get(f"{csip}OTHERCONTENTINFORMATIONTYPE") == "citserms_v2_1"


def test_the_case_file_holds_the_case_its_documents_and_its_correspondence(closed_case):
    package = export_case_for_archive(case=closed_case)
    files = _members(package.path)
    erms = ET.fromstring(files[f"{package.package_id}/metadata/descriptive/ERMS.xml"])  # noqa: S314
    ns = {"e": ERMS_NS}
    aggregation = erms.find("e:aggregations/e:aggregation", ns)
    assert aggregation.get("aggregationType") == "caseFile"
    assert aggregation.findtext("e:objectId", namespaces=ns) == closed_case.number
    assert aggregation.findtext("e:title", namespaces=ns) == "Uteservering vid torget"
    counterpart = aggregation.find("e:agents/e:agent[@agentType='counterpart']", ns)
    assert counterpart.findtext("e:idNumber", namespaces=ns) == closed_case.company.org_number
    records = aggregation.findall("e:record", ns)
    assert {r.get("recordType") for r in records} == {"message", "referral", "document"}
    message = next(r for r in records if r.get("recordType") == "message")
    assert message.findtext("e:description", namespaces=ns) == "Vi behöver en ritning."
    # The METS checksums are the files' own.
    mets = files[f"{package.package_id}/representations/rep1/METS.xml"].decode()
    document = files[f"{package.package_id}/representations/rep1/data/dokument/001_ritning.pdf"]
    assert hashlib.sha256(document).hexdigest().upper() in mets
    timeline = files[f"{package.package_id}/representations/rep1/data/tidslinje.csv"].decode()
    assert "routed" in timeline and "status_changed" in timeline


def test_the_export_is_recorded_on_the_case(closed_case, client):
    package = export_case_for_archive(case=closed_case)
    event = CaseEvent.objects.get(case=closed_case, kind=EventKind.ARCHIVE_EXPORTED)
    assert event.payload == {
        "package": package.package_id,
        "sha256": package.sha256,
        "size": package.size,
    }
    assert hashlib.sha256(package.path.read_bytes()).hexdigest() == package.sha256
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get(reverse("cases:detail", args=[closed_case.pk])).content.decode()
    assert package.package_id in page


def test_an_open_case_is_not_exported(settings, tmp_path):
    settings.EARCHIVE_ROOT = tmp_path
    case = a_case()
    with pytest.raises(CaseError):
        export_case_for_archive(case=case)
    assert list(tmp_path.iterdir()) == []
    assert not CaseEvent.objects.filter(kind=EventKind.ARCHIVE_EXPORTED).exists()


def test_the_command_exports_the_cases_closed_before_a_date(closed_case, tmp_path, capsys):
    call_command(
        "export_for_archive", "--closed-before", "2999-01-01", "--output", str(tmp_path / "out")
    )
    (written,) = (tmp_path / "out").iterdir()
    assert written.suffix == ".zip"
    assert closed_case.number in capsys.readouterr().out


def test_the_admin_action_downloads_the_package(closed_case, client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "export_for_archive", "_selected_action": [closed_case.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="lotsportalen-')
    assert CaseEvent.objects.filter(case=closed_case, kind=EventKind.ARCHIVE_EXPORTED).count() == 1


def test_the_action_is_offered_to_superusers_only(closed_case, client):
    coordinator = official(closed_case.lead_department, Role.SAMORDNARE)
    coordinator.is_staff = True
    coordinator.save(update_fields=["is_staff"])
    client.force_login(coordinator)
    page = client.get(reverse("admin:cases_case_changelist"))
    assert b"export_for_archive" not in page.content
    response = client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "export_for_archive", "_selected_action": [closed_case.pk]},
    )
    assert not CaseEvent.objects.filter(kind=EventKind.ARCHIVE_EXPORTED).exists()
    assert response.status_code in (200, 302)


def test_the_check_catches_a_broken_package(closed_case, tmp_path):
    """The validation is no formality: a package whose METS lost its structural map fails."""
    package = export_case_for_archive(case=closed_case)
    with zipfile.ZipFile(package.path) as archive:
        archive.extractall(tmp_path / "unpacked")
    mets = tmp_path / "unpacked" / package.package_id / "METS.xml"
    text = mets.read_text(encoding="utf-8")
    start, end = text.index("<mets:structMap"), text.index("</mets:structMap>")
    mets.write_text(text[:start] + text[end + len("</mets:structMap>") :], encoding="utf-8")
    result = validate_package(tmp_path / "unpacked" / package.package_id)
    assert not result.valid
    assert "CSIP80" in {error.rule for error in result.errors}


def test_the_command_validates_what_it_wrote(closed_case, tmp_path, capsys):
    call_command(
        "export_for_archive", closed_case.number, "--output", str(tmp_path / "out"), "--validate"
    )
    output = capsys.readouterr().out
    assert "valid" in output.lower() and closed_case.number in output
