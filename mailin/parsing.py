"""Reading an incoming e-mail: who sent it, to which address, what kind of mail it is, the
answer without the quoted history, and its files.

Everything here is pure (bytes in, a ``ParsedMail`` out), so the rules are tested without a
mail server. The standard library's parser with the modern policy reads MIME, encoded words
and charsets; nothing here trusts a header for more than it says.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from django.utils.html import strip_tags

# Headers that name the address a mail was delivered to, the envelope's first.
RECIPIENT_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc")

# A line that starts the quoted history in the common mail programs, in Swedish and English:
# "Den 2 dec. 2026 kl. 10:15 skrev Anna <…>:", "On Tue, 1 Dec 2026 … wrote:", Outlook's
# "-----Ursprungligt meddelande-----" / "-----Original Message-----" and its header block
# ("Från: … / From: …" followed by "Skickat:/Sent:").
_QUOTE_STARTS = (
    re.compile(r"^\s*(Den|On)\s.{0,200}(skrev|wrote)\s*.{0,120}:\s*$", re.IGNORECASE),
    re.compile(r"^\s*-{2,}\s*(Ursprungligt meddelande|Original Message)\s*-{2,}\s*$", re.I),
    re.compile(r"^\s*_{10,}\s*$"),
)
_OUTLOOK_HEADER = re.compile(r"^\s*\*?(Från|From)\s*:\*?\s", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^\s*\*?(Skickat|Sent|Datum|Date)\s*:\*?\s", re.IGNORECASE)
_SIGNATURE = re.compile(r"^-- ?$")

# Auto-Submitted (RFC 3834) and the older headers mail programs and list servers set.
_AUTO_HEADERS = {
    "x-autoreply": None,
    "x-autorespond": None,
    "x-auto-response-suppress": None,
}
_AUTO_PRECEDENCE = {"auto_reply", "bulk", "junk", "list"}


@dataclass(frozen=True)
class MailFile:
    name: str
    content: bytes


@dataclass(frozen=True)
class ParsedMail:
    sender: str
    sender_name: str
    recipients: tuple[str, ...]
    subject: str
    message_id: str
    text: str  # the answer, without the quoted history
    files: tuple[MailFile, ...] = field(default=())
    is_auto_reply: bool = False
    is_bounce: bool = False
    bounced_message_ids: tuple[str, ...] = field(default=())
    bounce_reason: str = ""

    @property
    def fingerprint(self) -> str:
        """What makes two deliveries of one mail the same (a mailbox read twice, a relay
        that retries): its Message-ID, or when it has none, a hash of what it says."""
        basis = self.message_id or "\n".join(
            (self.sender, self.subject, self.text, *(f.name for f in self.files))
        )
        return hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest()


def parse_mail(raw: bytes, *, envelope_recipients: tuple[str, ...] = ()) -> ParsedMail:
    message = BytesParser(_class=EmailMessage, policy=policy.default).parsebytes(raw)
    sender_name, sender = parseaddr(str(message.get("From", "")))
    is_bounce = _is_bounce(message, sender)
    bounced, reason = _bounce_details(message) if is_bounce else ((), "")
    return ParsedMail(
        sender=sender.strip().lower(),
        sender_name=sender_name.strip(),
        recipients=_recipients(message, envelope_recipients),
        subject=str(message.get("Subject", "")).strip()[:255],
        message_id=str(message.get("Message-ID", "")).strip()[:255],
        text=trim_quoted(_body_text(message)),
        files=tuple(_files(message)),
        is_auto_reply=not is_bounce and is_auto_reply(message),
        is_bounce=is_bounce,
        bounced_message_ids=bounced,
        bounce_reason=reason,
    )


def _recipients(message: EmailMessage, envelope: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = [address.strip().lower() for address in envelope]
    for header in RECIPIENT_HEADERS:
        values = [str(value) for value in message.get_all(header, [])]
        found += [address.strip().lower() for _name, address in getaddresses(values)]
    return tuple(dict.fromkeys(address for address in found if "@" in address))


def is_auto_reply(message: EmailMessage) -> bool:
    """An out-of-office or other machine answer: never a message on a case (RFC 3834)."""
    auto_submitted = str(message.get("Auto-Submitted", "no")).strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if any(header in message for header in _AUTO_HEADERS):
        return True
    return str(message.get("Precedence", "")).strip().lower() in _AUTO_PRECEDENCE


def _is_bounce(message: EmailMessage, sender: str) -> bool:
    if message.get_content_type() == "multipart/report":
        return str(message.get_param("report-type", "")).lower() == "delivery-status"
    local = sender.partition("@")[0].lower()
    # A bounce is sent with the null reverse path (RFC 5321 4.5.5), seen as "Return-Path: <>".
    null_path = str(message.get("Return-Path", "")).strip() == "<>"
    return local in {"mailer-daemon", "postmaster"} or null_path


def _bounce_details(message: EmailMessage) -> tuple[tuple[str, ...], str]:
    """The Message-IDs the bounce quotes (of the mail that did not arrive) and its reason."""
    ids: list[str] = []
    reason = ""
    for part in message.walk():
        kind = part.get_content_type()
        if kind in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
            ids += re.findall(r"<[^<>\s]+@[^<>\s]+>", _part_text(part))
        elif kind == "message/delivery-status":
            text = _part_text(part)
            found = re.search(r"^Diagnostic-Code:\s*(.+)$", text, re.MULTILINE | re.IGNORECASE)
            reason = reason or (found.group(1).strip() if found else "")
    if not ids:
        ids = re.findall(r"<outbox-[^<>\s]+@[^<>\s]+>", _body_text(message))
    return tuple(dict.fromkeys(ids)), reason[:500]


def _part_text(part) -> str:
    if part.is_multipart():
        return "\n".join(str(sub) for sub in part.get_payload())
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return payload.decode("utf-8", "replace")
    return str(part.get_payload())


def _body_text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    try:
        text = body.get_content()
    except (LookupError, UnicodeError):
        payload = body.get_payload(decode=True)
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if body.get_content_type() == "text/html":
        text = strip_tags(re.sub(r"(?i)<br\s*/?>|</p>", "\n", text))
    return text.replace("\r\n", "\n")


def trim_quoted(text: str) -> str:
    """The answer above the quoted history and the signature."""
    lines = text.split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        if any(pattern.match(line) for pattern in _QUOTE_STARTS) or _SIGNATURE.match(line):
            break
        if _OUTLOOK_HEADER.match(line) and any(
            _OUTLOOK_NEXT.match(following) for following in lines[index + 1 : index + 4]
        ):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def _files(message: EmailMessage):
    for part in message.iter_attachments():
        if part.get_content_maintype() == "multipart":
            continue
        content = part.get_payload(decode=True)
        if not isinstance(content, bytes) or not content:
            continue
        yield MailFile(name=part.get_filename() or "bilaga", content=content)
