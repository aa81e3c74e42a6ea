"""A merged case's tracking page points the business to the case kept.

Raw tracking tokens are never stored, so the kept case's link is derived from the link the
business holds: an HMAC of it (under the secret key), whose hash is stored as one more tracking
link of the kept case the first time the page is shown. The same page shown again derives the
same link and stores nothing new; no one without the merged case's link can derive it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.crypto import salted_hmac

from cases.models import Case

from ..models import CaseAccessToken, TokenPurpose
from ..tokens import hash_token, tracking_url

POINTER_SALT = "lotsportal.public.merged-pointer"
MAX_HOPS = 5  # a kept case merged on in its turn: follow it, a few steps at most


def _kept_case(case: Case) -> Case | None:
    kept, hops = case.merged_into, 0
    while kept is not None and kept.merged_into_id is not None and hops < MAX_HOPS:
        kept, hops = kept.merged_into, hops + 1
    return kept


def link_to_kept_case(*, case: Case, raw_token: str) -> tuple[Case, str] | None:
    """The case kept and the address of its tracking page, for the holder of ``raw_token``
    (a link of the merged ``case``); None (and no query) for a case that was not merged."""
    if case.merged_into_id is None:
        return None
    with transaction.atomic():
        kept = _kept_case(case)
        if kept is None:
            return None
        raw = salted_hmac(POINTER_SALT, f"{kept.pk}:{raw_token}", algorithm="sha256").hexdigest()
        CaseAccessToken.objects.get_or_create(
            token_hash=hash_token(raw), defaults={"case": kept, "purpose": TokenPurpose.TRACKING}
        )
    return kept, tracking_url(raw)
