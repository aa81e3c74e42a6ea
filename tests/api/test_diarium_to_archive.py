"""The whole public record: the diarium registers a matter through the API, an official writes
to the business, the business answers by e-mail from its own mail program, the diarium closes
the case, the registrar exports it for the e-archive, and the diarium hears of every step by
signed webhooks and reads it on the timeline by cursor (issue 18, "what it must show")."""

from __future__ import annotations

import zipfile

import pytest

from api.services.webhooks import create_subscription
from cases.models import Case, Message, MessageDirection
from cases.services.communication import send_message_to_business
from cases.services.companies import add_contact, set_case_contact
from earchive.services import export_case_for_archive
from earchive.validation import validate_package
from mailin.services import receive_mail
from tests.cases.factories import CaseTypeFactory, CompanyFactory, door
from tests.factories import DepartmentFactory, official
from tests.mailin.conftest import a_reply

pytestmark = pytest.mark.django_db

OWNER = "agare@torgetskrog.example"


def test_a_matter_from_the_diarium_is_answered_by_email_closed_and_archived(
    api, diarium, receiver, settings, tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MAILIN_REPLY_ADDRESS = "arende@kommun.example"
    settings.MEDIA_ROOT = tmp_path / "media"
    food = CaseTypeFactory(
        code="livsmedel",
        name="Livsmedelsregistrering",
        lead_department=DepartmentFactory(name="Miljö", code="miljo"),
    )
    door("email")
    CompanyFactory(org_number="556036-0793", name="Torgets Krog AB")
    subscription = create_subscription(
        integration=diarium,
        url=receiver.url,
        event_kinds=[
            "opened",
            "message_sent",
            "message_received",
            "status_changed",
            "archive_exported",
        ],
        by=diarium.owner,
    )
    receiver.secret = subscription.secret

    with django_capture_on_commit_callbacks(execute=True):
        created = api.post(
            "/api/v1/cases/",
            {
                "department": "kontaktcenter",
                "org_number": "556036-0793",
                "case_type": "livsmedel",
                "door": "email",
                "title": "Ny restaurang vid torget",
            },
            format="json",
        )
    assert created.status_code == 201, created.content
    case = Case.objects.get(pk=created.json()["id"])
    cursor = api.get("/api/v1/events/", {"after": 0}).json()["next_after"]

    inspector = official(food.lead_department, full_name="Ida Inspektör")
    contact = add_contact(company=case.company, by=inspector, name="Ägaren", email=OWNER)
    set_case_contact(case=case, contact=contact, by=inspector)
    with django_capture_on_commit_callbacks(execute=True):
        send_message_to_business(case=case, by=inspector, body="Skicka gärna en planritning.")
    (reply_to,) = mailoutbox[-1].reply_to

    with django_capture_on_commit_callbacks(execute=True):
        receive_mail(
            raw=a_reply(sender=OWNER, to=reply_to, text="Här är den.", quoted="> Skicka gärna"),
            source="imap",
        )
    assert Message.objects.get(case=case, direction=MessageDirection.FROM_BUSINESS).body == (
        "Här är den."
    )

    with django_capture_on_commit_callbacks(execute=True):
        for step in ("decided", "closed"):  # the first work on the case opened it
            moved = api.post(
                f"/api/v1/cases/{case.pk}/status/",
                {"to": step, "comment": "", "to_business": "Registreringen är klar."},
                format="json",
            )
            assert moved.status_code == 200, moved.content
    case.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        package = export_case_for_archive(case=case, directory=tmp_path / "archive")
    with zipfile.ZipFile(package.path) as archive:
        archive.extractall(tmp_path / "unpacked")
    assert validate_package(tmp_path / "unpacked" / package.package_id).valid

    later = api.get("/api/v1/events/", {"after": cursor}).json()["results"]
    kinds = [event["kind"] for event in later]
    assert kinds[-1] == "archive_exported"
    assert {"message_sent", "message_received", "status_changed"} <= set(kinds)
    heard = [delivery["event"]["type"].rsplit(".", 1)[1] for delivery in receiver.received]
    assert heard[0] == "opened" and heard[-1] == "archive_exported"
    assert "message_received" in heard  # the receiver keeps only deliveries it verified
