"""The business answers the e-mail about its case from its own mail program.

The official writes on the case page; the e-mail carries the case's own reply address; the
owner's answer, sent to it, becomes a message on the case exactly as if sent on the tracking
page (the files under the same rules, the quoted history trimmed, the coordinator told).
Whatever cannot be put on a case with certainty is held for an official, never guessed.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from cases.models import Attachment, Message, MessageDirection
from cases.services.cases import change_status
from cases.workflow import CaseStatus
from mailin.models import HoldReason, InboundStatus
from mailin.services import receive_mail
from notifications.models import OutboxMessage, OutboxStatus
from tests.cases.factories import a_case
from tests.factories import DepartmentFactory, official

from .conftest import PDF, a_reply

pytestmark = pytest.mark.django_db

OWNER = "anna@kafetorget.example"


@pytest.fixture
def desk():
    department = DepartmentFactory(name="Reception")
    return official(department, Role.LOTS, full_name="Rut Receptionist")


@pytest.fixture
def case(desk):
    found = a_case(by=desk, title="Uteservering vid torget")
    found.contact.email = OWNER
    found.contact.save(update_fields=["email"])
    return found


def _message_from_the_page(client, desk, case, mailoutbox, capture):
    client.force_login(desk)
    with capture(execute=True):
        response = client.post(
            reverse("cases:message", args=[case.pk]),
            {"message-body": "Hej! Skicka gärna en ritning över uteserveringen."},
        )
    assert response.status_code == 302
    return mailoutbox[-1]


def test_the_business_answers_by_email_and_the_answer_is_on_the_case(
    client, desk, case, mailoutbox, django_capture_on_commit_callbacks
):
    sent = _message_from_the_page(
        client, desk, case, mailoutbox, django_capture_on_commit_callbacks
    )
    assert sent.to == [OWNER]
    (reply_to,) = sent.reply_to
    assert reply_to.startswith("arende+c") and reply_to.endswith("@kommun.example")

    quoted = "Den 2 dec. 2026 kl. 10:15 skrev Exempelby kommun:\n> " + sent.body.replace(
        "\n", "\n> "
    )
    raw = a_reply(
        sender=OWNER.upper(),  # addresses compare without case
        to=reply_to,
        text="Hej Rut! Ritningen kommer här.",
        quoted=quoted,
        files=(("ritning.pdf", PDF, "application/pdf"),),
    )
    with django_capture_on_commit_callbacks(execute=True):
        mail = receive_mail(raw=raw, source="smtp")

    assert mail.status == InboundStatus.DELIVERED
    message = Message.objects.get(case=case, direction=MessageDirection.FROM_BUSINESS)
    assert message.body == "Hej Rut! Ritningen kommer här."
    assert Attachment.objects.get(case=case).original_name == "ritning.pdf"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Hej Rut! Ritningen kommer här." in page
    assert "Skicka gärna en ritning" in page  # the official's own message, once
    assert page.count("Skicka gärna en ritning") == 1
    assert "ritning.pdf" in page
    # Whoever handles the case is told, as for an answer on the tracking page.
    assert any("Hej Rut! Ritningen kommer här." in m.body for m in mailoutbox[1:])


def test_the_same_mail_delivered_twice_makes_one_message(case):
    raw = a_reply(sender=OWNER, to=_address(case))
    first = receive_mail(raw=raw, source="imap")
    second = receive_mail(raw=raw, source="smtp")
    assert first.pk == second.pk
    assert Message.objects.filter(case=case, direction=MessageDirection.FROM_BUSINESS).count() == 1


def test_a_waiting_case_is_open_again_after_the_emailed_answer(desk, case):
    change_status(case=case, to=CaseStatus.OPEN, by=desk)
    change_status(case=case, to=CaseStatus.WAITING, by=desk)
    receive_mail(raw=a_reply(sender=OWNER, to=_address(case)), source="smtp")
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def _address(case):
    from mailin.tokens import reply_address_for

    return reply_address_for(case.pk)


def _forged(case):
    address = _address(case)
    local, _, domain = address.partition("@")
    return local[:-1] + ("0" if local[-1] != "0" else "1") + "@" + domain


@pytest.mark.parametrize(
    "to, sender, reason",
    [
        ("arende@kommun.example", OWNER, HoldReason.NO_TOKEN),
        ("forged", OWNER, HoldReason.BAD_TOKEN),
        ("own", "someone.else@example.org", HoldReason.UNKNOWN_SENDER),
    ],
)
def test_a_mail_the_portal_cannot_place_with_certainty_is_held(case, to, sender, reason):
    address = {"forged": _forged(case), "own": _address(case)}.get(to, to)
    mail = receive_mail(raw=a_reply(sender=sender, to=address), source="smtp")
    assert (mail.status, mail.reason) == (InboundStatus.HELD, reason)
    assert not Message.objects.filter(direction=MessageDirection.FROM_BUSINESS).exists()
    assert bytes(mail.raw)  # kept for the official who decides
    assert mail.body == "Tack! Här kommer ritningen."


def test_a_forged_token_never_names_the_case(case):
    mail = receive_mail(raw=a_reply(sender=OWNER, to=_forged(case)), source="smtp")
    assert mail.case is None


def test_an_answer_to_a_closed_case_is_held(desk, case):
    change_status(case=case, to=CaseStatus.CLOSED, by=desk, to_business="Ärendet är klart.")
    mail = receive_mail(raw=a_reply(sender=OWNER, to=_address(case)), source="smtp")
    assert (mail.status, mail.reason, mail.case) == (
        InboundStatus.HELD,
        HoldReason.CASE_CLOSED,
        case,
    )


def test_a_refused_file_holds_the_whole_mail(case):
    raw = a_reply(
        sender=OWNER,
        to=_address(case),
        files=(("program.exe", b"MZ\x90\x00" + b"\x00" * 200, "application/octet-stream"),),
    )
    mail = receive_mail(raw=raw, source="smtp")
    assert (mail.status, mail.reason) == (InboundStatus.HELD, HoldReason.FILE_REFUSED)
    assert "program.exe" in mail.detail
    assert not Attachment.objects.exists()
    assert not Message.objects.filter(direction=MessageDirection.FROM_BUSINESS).exists()


def test_an_out_of_office_reply_is_dropped(case):
    raw = a_reply(
        sender=OWNER,
        to=_address(case),
        text="Jag är på semester till den 10 januari.",
        headers={"Auto-Submitted": "auto-replied"},
    )
    mail = receive_mail(raw=raw, source="smtp")
    assert mail.status == InboundStatus.DROPPED
    assert not bytes(mail.raw) and not mail.body
    assert not Message.objects.filter(direction=MessageDirection.FROM_BUSINESS).exists()


def test_a_bounce_marks_the_sent_mail_failed(
    client, desk, case, mailoutbox, django_capture_on_commit_callbacks
):
    sent = _message_from_the_page(
        client, desk, case, mailoutbox, django_capture_on_commit_callbacks
    )
    outbox = OutboxMessage.objects.about(case).get(recipient=OWNER)
    assert outbox.status == OutboxStatus.SENT
    raw = _bounce(message_id=sent.extra_headers["Message-ID"], to=OWNER)

    mail = receive_mail(raw=raw, source="smtp")
    again = receive_mail(raw=raw, source="imap")

    assert mail.pk == again.pk
    assert (mail.status, mail.case) == (InboundStatus.BOUNCE, case)
    outbox.refresh_from_db()
    assert outbox.status == OutboxStatus.FAILED
    assert "550 5.1.1" in outbox.last_error
    assert not Message.objects.filter(direction=MessageDirection.FROM_BUSINESS).exists()


def test_a_bounce_naming_no_mail_of_ours_changes_nothing(case):
    mail = receive_mail(
        raw=_bounce(message_id="<outbox-1.20260101000000000000@x>", to=OWNER), source="smtp"
    )
    assert mail.status == InboundStatus.BOUNCE
    assert not OutboxMessage.objects.filter(status=OutboxStatus.FAILED).exists()


def _bounce(*, message_id: str, to: str) -> bytes:
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.kommun.example>\r\n"
        "To: lotsportalen@kommun.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <bounce-1@mx.kommun.example>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.kommun.example\r\n\r\n"
        f"Final-Recipient: rfc822; {to}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {message_id}\r\nTo: {to}\r\nSubject: Ditt ärende\r\n"
        "--B--\r\n"
    ).encode()


def test_without_a_reply_address_mail_to_the_business_has_no_reply_to(
    settings, client, desk, case, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MAILIN_REPLY_ADDRESS = ""
    sent = _message_from_the_page(
        client, desk, case, mailoutbox, django_capture_on_commit_callbacks
    )
    assert sent.reply_to == []


def test_mail_to_officials_carries_no_reply_address(
    desk, case, mailoutbox, django_capture_on_commit_callbacks
):
    from cases.services.referrals import route_case

    other = DepartmentFactory(name="Miljö", inbox_email="miljo@kommun.example")
    with django_capture_on_commit_callbacks(execute=True):
        route_case(case=case, department=other, by=desk, request_text="Livsmedel?")
    assert mailoutbox and all(m.reply_to == [] for m in mailoutbox)
