"""The two receivers against real servers on 127.0.0.1: the portal's own SMTP/LMTP listener
(as `manage.py mailin_listen` runs it) fed by smtplib, and a Dovecot IMAP mailbox that the
poller reads. Each files the business's answer on its case, once."""

from __future__ import annotations

import imaplib
import os
import shutil
import smtplib
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from accounts.models import Role
from cases.models import Message, MessageDirection
from mailin.models import InboundMail, InboundStatus
from mailin.receivers.imap import Mailbox, poll
from mailin.receivers.smtp import controller
from mailin.tokens import reply_address_for
from tests.cases.factories import a_case
from tests.factories import DepartmentFactory, official

from .conftest import a_reply

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

OWNER = "anna@kafetorget.example"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def case():
    found = a_case(by=official(DepartmentFactory(), Role.SAMORDNARE), title="Uteservering")
    found.contact.email = OWNER
    found.contact.save(update_fields=["email"])
    return found


def _answers(case):
    return list(
        Message.objects.filter(case=case, direction=MessageDirection.FROM_BUSINESS).values_list(
            "body", flat=True
        )
    )


@pytest.mark.parametrize("lmtp", [False, True])
def test_the_listener_files_a_reply_sent_over_smtp(case, lmtp):
    port = free_port()
    listener = controller(host="127.0.0.1", port=port, lmtp=lmtp)
    listener.start()
    try:
        client = smtplib.LMTP("127.0.0.1", port) if lmtp else smtplib.SMTP("127.0.0.1", port)
        with client:
            raw = a_reply(sender=OWNER, to=reply_address_for(case.pk), text="Svar över SMTP.")
            refused = client.sendmail(OWNER, [reply_address_for(case.pk)], raw)
            assert refused == {}
            # The relay sends it again (it did not hear our 250): nothing doubles.
            client.sendmail(OWNER, [reply_address_for(case.pk)], raw)
    finally:
        listener.stop()
    assert _answers(case) == ["Svar över SMTP."]


def test_the_listener_refuses_a_mail_over_the_size_limit(case, settings):
    settings.MAILIN_MAX_BYTES = 2000
    port = free_port()
    listener = controller(host="127.0.0.1", port=port)
    listener.start()
    try:
        with (
            smtplib.SMTP("127.0.0.1", port) as client,
            pytest.raises((smtplib.SMTPDataError, smtplib.SMTPSenderRefused)) as refused,
        ):
            raw = a_reply(sender=OWNER, to=reply_address_for(case.pk), text="x" * 5000)
            client.sendmail(OWNER, [reply_address_for(case.pk)], raw)
    finally:
        listener.stop()
    assert refused.value.smtp_code == 552
    assert not InboundMail.objects.exists()


DOVECOT_CONF = """
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={root}/home/%u
}}
mail_location = maildir:~/Maildir
first_valid_uid = 1
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


@pytest.fixture
def mailbox():
    """A real Dovecot IMAP server with one mailbox, for this test only (in a folder of its
    own that Dovecot's unprivileged auth and mail processes can read)."""
    dovecot = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not os.path.exists(dovecot):
        if os.environ.get("CI"):
            pytest.fail("dovecot is not installed (.ci/run installs dovecot-imapd)")
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd)")
    port = free_port()
    tmp_path = Path(tempfile.mkdtemp(prefix="lots-dovecot-"))
    tmp_path.chmod(0o755)
    (tmp_path / "home").mkdir()
    (tmp_path / "home").chmod(0o777)
    (tmp_path / "users").write_text("svar@kommun.example:{PLAIN}hemligt\n")
    conf = tmp_path / "dovecot.conf"
    conf.write_text(DOVECOT_CONF.format(root=tmp_path, port=port))
    server = subprocess.Popen([dovecot, "-F", "-c", str(conf)])  # noqa: S603 - fixed arguments
    box = Mailbox(
        host="127.0.0.1",
        port=port,
        user="svar@kommun.example",
        password="hemligt",
        folder="INBOX",
        tls=False,
    )
    deadline = time.monotonic() + 15
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.1)
    yield box
    server.terminate()
    server.wait(10)
    shutil.rmtree(tmp_path, ignore_errors=True)


def _deliver(box: Mailbox, raw: bytes) -> None:
    client = imaplib.IMAP4(box.host, box.port)
    client.login(box.user, box.password)
    client.append(box.folder, None, None, raw)
    client.logout()


def _unseen(box: Mailbox) -> int:
    client = imaplib.IMAP4(box.host, box.port)
    client.login(box.user, box.password)
    client.select(box.folder)
    _status, data = client.uid("SEARCH", None, "UNSEEN")
    client.logout()
    return len((data[0] or b"").split())


def test_the_poller_files_the_mailbox_once_and_marks_it_read(case, mailbox):
    _deliver(mailbox, a_reply(sender=OWNER, to=reply_address_for(case.pk), text="Svar via IMAP."))
    _deliver(
        mailbox,
        a_reply(
            sender=OWNER,
            to=reply_address_for(case.pk),
            text="Jag är borta.",
            message_id="<auto-1@foretag.example>",
            headers={"Auto-Submitted": "auto-replied"},
        ),
    )
    _deliver(
        mailbox,
        a_reply(sender="okand@example.org", to="arende@kommun.example", message_id="<x@y>"),
    )

    assert poll(mailbox) == 3
    assert poll(mailbox) == 0  # read mail is not read again

    assert _answers(case) == ["Svar via IMAP."]
    assert _unseen(mailbox) == 0
    statuses = sorted(InboundMail.objects.values_list("status", flat=True))
    assert statuses == sorted([InboundStatus.DELIVERED, InboundStatus.DROPPED, InboundStatus.HELD])


def test_a_mail_read_again_after_a_crash_is_not_filed_twice(case, mailbox, settings):
    raw = a_reply(sender=OWNER, to=reply_address_for(case.pk), text="En gång.")
    _deliver(mailbox, raw)
    _deliver(mailbox, raw)  # the same mail twice in the box (a poller killed before \Seen)
    assert poll(mailbox) == 2
    assert _answers(case) == ["En gång."]


def test_the_listener_says_try_again_while_the_database_is_down(case):
    """The relay keeps a mail the portal could not store (451) and sends it again later;
    then it lands, once."""
    from django.db import connections

    port = free_port()
    listener = controller(host="127.0.0.1", port=port)
    listener.start()
    database = connections["default"].settings_dict
    raw = a_reply(sender=OWNER, to=reply_address_for(case.pk), text="Nu kommer den fram.")
    try:
        real_port = database["PORT"]
        database["PORT"] = free_port()  # the listener's next connection is refused
        try:
            with (
                smtplib.SMTP("127.0.0.1", port) as client,
                pytest.raises(smtplib.SMTPDataError) as refused,
            ):
                client.sendmail(OWNER, [reply_address_for(case.pk)], raw)
        finally:
            database["PORT"] = real_port
        assert refused.value.smtp_code == 451
        with smtplib.SMTP("127.0.0.1", port) as client:
            client.sendmail(OWNER, [reply_address_for(case.pk)], raw)
    finally:
        listener.stop()
    assert _answers(case) == ["Nu kommer den fram."]
