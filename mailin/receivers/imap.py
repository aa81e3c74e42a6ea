"""Polling a mailbox over IMAP (imaplib, TLS by default).

Each unseen mail is fetched by UID, filed with ``receive_mail``, and only then flagged
``\\Seen`` (and, with ``MAILIN_IMAP_DELETE``, deleted and expunged). A poller killed between
filing and flagging reads the mail again next time; its fingerprint makes that a no-op. A mail
the database could not take stays unseen for the next poll.
"""

from __future__ import annotations

import imaplib
import logging
import ssl
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import DatabaseError

from ..models import Source
from ..services import receive_mail

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mailbox:
    host: str
    port: int
    user: str
    password: str
    folder: str
    tls: bool

    @classmethod
    def from_url(cls, url: str) -> Mailbox:
        """``imaps://user:password@host:993/INBOX`` (or ``imap://`` for a local server)."""
        parts = urlsplit(url)
        tls = parts.scheme == "imaps"
        if parts.scheme not in ("imap", "imaps") or not parts.hostname:
            raise ValueError("MAILIN_IMAP_URL must look like imaps://user:password@host/INBOX")
        return cls(
            host=parts.hostname,
            port=parts.port or (993 if tls else 143),
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            folder=unquote(parts.path.lstrip("/")) or "INBOX",
            tls=tls,
        )


def connect(box: Mailbox) -> imaplib.IMAP4:
    timeout = settings.MAILIN_IMAP_TIMEOUT
    if box.tls:
        return imaplib.IMAP4_SSL(
            box.host, box.port, ssl_context=ssl.create_default_context(), timeout=timeout
        )
    return imaplib.IMAP4(box.host, box.port, timeout=timeout)


def poll(box: Mailbox, *, limit: int = 200) -> int:
    """File the mailbox's unseen mail; returns how many were filed."""
    client = connect(box)
    try:
        client.login(box.user, box.password)
        client.select(box.folder)
        _status, data = client.uid("SEARCH", None, "UNSEEN")
        uids = (data[0] or b"").split()[:limit]
        filed = sum(_take(client, uid) for uid in uids)
        if filed and settings.MAILIN_IMAP_DELETE:
            client.expunge()
        return filed
    finally:
        try:
            client.logout()
        except (OSError, imaplib.IMAP4.error):
            pass


def _take(client: imaplib.IMAP4, uid: bytes) -> bool:
    _status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
    raw = next((part[1] for part in data if isinstance(part, tuple)), None)
    if not raw:
        return False
    try:
        receive_mail(raw=raw, source=Source.IMAP)
    except DatabaseError:
        logger.exception("Mail %s could not be stored; it stays unseen for the next poll", uid)
        return False
    flags = r"(\Seen \Deleted)" if settings.MAILIN_IMAP_DELETE else r"(\Seen)"
    client.uid("STORE", uid, "+FLAGS", flags)
    return True
