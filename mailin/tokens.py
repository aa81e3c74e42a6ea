"""Each case's own reply address: ``<local>+<token>@<domain>`` from ``MAILIN_REPLY_ADDRESS``.

The token is the case's id and an HMAC of it under the portal's secret key
(``salted_hmac``), so only the portal can make one, a changed digit is caught, and no case's
address can be guessed from another's. It holds no personal data. Lower case hex only: mail
servers may fold the local part's case.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "lotsportal.mailin.reply-token"
DIGEST_CHARS = 24  # 96 bits
_TOKEN = re.compile(rf"^c(?P<case_id>[1-9]\d{{0,17}})-(?P<digest>[0-9a-f]{{{DIGEST_CHARS}}})$")


def _digest(case_id: int, secret: str | None = None) -> str:
    mac = salted_hmac(SALT, str(case_id), secret=secret, algorithm="sha256")
    return mac.hexdigest()[:DIGEST_CHARS]


def reply_token(case_id: int) -> str:
    return f"c{case_id}-{_digest(case_id)}"


def case_id_from_token(token: str) -> int | None:
    """The case a token names, or None for a token the portal did not make."""
    match = _TOKEN.match(token.strip().lower())
    if match is None:
        return None
    case_id = int(match["case_id"])
    # Addresses made before a key rotation keep working while the old key is a fallback.
    for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS):
        if constant_time_compare(match["digest"], _digest(case_id, secret)):
            return case_id
    return None


def reply_address_for(case_id: int) -> str:
    """The case's reply address; "" when e-mail in is not configured."""
    base = settings.MAILIN_REPLY_ADDRESS
    if not base:
        return ""
    local, _at, domain = base.rpartition("@")
    return f"{local}+{reply_token(case_id)}@{domain}"


def token_in(address: str) -> str | None:
    """The token of a reply address on the configured domain (``lots+<token>@domain``)."""
    base = settings.MAILIN_REPLY_ADDRESS
    if not base or "@" not in address:
        return None
    local, _at, domain = address.strip().lower().rpartition("@")
    base_local, _at, base_domain = base.lower().rpartition("@")
    if domain != base_domain:
        return None
    prefix, plus, token = local.partition("+")
    return token if plus and prefix == base_local and token else None
