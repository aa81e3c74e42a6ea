"""The SMTP/LMTP listener the mail relay forwards the reply addresses to.

aiosmtpd speaks the protocol; the handler files each mail with ``receive_mail`` in a worker
thread (the ORM is synchronous) and answers only once the mail is stored: ``250`` when it is
filed (on a case, held, or dropped), ``451`` when the database could not take it, so the
relay keeps the mail and tries again (nothing lost), and the mail's fingerprint makes the
second try a no-op if the first was stored after all (nothing doubled).
"""

from __future__ import annotations

import asyncio
import logging

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections

from ..models import Source
from ..services import receive_mail
from .aiosmtpd_import import aiosmtpd_module

Controller = aiosmtpd_module("controller").Controller
LMTP = aiosmtpd_module("lmtp").LMTP

logger = logging.getLogger(__name__)


class MailinHandler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        if len(raw) > settings.MAILIN_MAX_BYTES:
            return "552 Message too large"
        try:
            await asyncio.to_thread(_store, raw, tuple(envelope.rcpt_tos))
        except DatabaseError:
            logger.exception("Incoming mail could not be stored; the relay will try again")
            return "451 Temporary failure, please try again later"
        return "250 Message accepted"


def _store(raw: bytes, recipients: tuple[str, ...]) -> None:
    """In a worker thread of its own: the thread's connection is closed after each mail."""
    close_old_connections()
    try:
        receive_mail(raw=raw, source=Source.SMTP, envelope_recipients=recipients)
    finally:
        connections.close_all()


class LMTPController(Controller):
    def factory(self):
        return LMTP(self.handler, **self.SMTP_kwargs)


def controller(*, host: str, port: int, lmtp: bool = False) -> Controller:
    kind = LMTPController if lmtp else Controller
    return kind(
        MailinHandler(),
        hostname=host,
        port=port,
        data_size_limit=settings.MAILIN_MAX_BYTES,
        decode_data=False,
    )
