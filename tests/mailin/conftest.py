from __future__ import annotations

from email.message import EmailMessage

import pytest

REPLY_BASE = "arende@kommun.example"


@pytest.fixture(autouse=True)
def reply_address(settings):
    settings.MAILIN_REPLY_ADDRESS = REPLY_BASE
    return REPLY_BASE


def a_reply(
    *,
    sender: str,
    to: str,
    text: str = "Tack! Här kommer ritningen.",
    quoted: str = "",
    subject: str = "Sv: Meddelande om ditt ärende",
    message_id: str = "<reply-1@foretag.example>",
    headers: dict | None = None,
    files: tuple[tuple[str, bytes, str], ...] = (),
) -> bytes:
    """A mail as a business owner's mail program sends it."""
    mail = EmailMessage()
    mail["From"] = f"Ägare <{sender}>"
    mail["To"] = to
    mail["Subject"] = subject
    mail["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        mail[name] = value
    mail.set_content(text + ("\n\n" + quoted if quoted else ""))
    for name, content, kind in files:
        maintype, subtype = kind.split("/")
        mail.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return mail.as_bytes()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
