"""The one-time key of a public form: what makes sending the same form twice store once.

Each rendered form carries a signed random key (``lotsportal.public_forms.OneTimeKeyMixin``).
The service that stores the submission claims the key first, inside its own transaction, by
inserting its hash into a unique column. A second send of the same key (a replayed POST, a
double click, two workers at once) blocks on that insert until the first transaction ends:
when it committed, the insert fails and the second send finds the first one's row and shows
its result; when it rolled back, the second send goes ahead as if it were the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.models import Case
from lotsportal.public_forms import ONCE_KEY_MAX_AGE

from ..errors import FormKeyUsedElsewhere
from ..models import SubmissionKey
from ..tokens import hash_token


@dataclass(frozen=True)
class Claim:
    record: SubmissionKey
    replayed: bool  # the key was used before: show its result, store nothing


def claim_once_key(*, key: str | None, form: str, case: Case | None = None) -> Claim | None:
    """Claim ``key`` for ``form`` in the caller's transaction, before anything is stored.

    None without a key (a caller inside the portal, a test, the demo). ``case``: the case the
    form belongs to (reply, survey); a replay must be of that case's form.
    """
    if transaction.get_autocommit():
        raise RuntimeError("claim_once_key must run inside the transaction that stores the form")
    if not key:
        return None
    key_hash = hash_token(f"{form}:{key}")
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on after a clash
            record = SubmissionKey.objects.create(key_hash=key_hash, form=form, case=case)
    except IntegrityError:
        record = SubmissionKey.objects.select_related("case").get(key_hash=key_hash)
        if case is not None and record.case_id != case.pk:
            raise FormKeyUsedElsewhere() from None
        return Claim(record=record, replayed=True)
    return Claim(record=record, replayed=False)


def record_claimed_case(claim: Claim | None, *, case: Case) -> None:
    """The case a first send made, on its key's row (same transaction)."""
    if claim is None or claim.record.case_id == case.pk:
        return
    claim.record.case = case
    claim.record.save(update_fields=["case"])


# A key is refused once it is older than ONCE_KEY_MAX_AGE (its signature carries the time), so
# its row can no longer stop a replay: a day's margin for clocks and a send in flight.
FORGET_AFTER = timedelta(seconds=ONCE_KEY_MAX_AGE) + timedelta(days=1)


def forget_expired_once_keys(*, now: datetime | None = None) -> int:
    """Delete the rows of keys too old to be sent again; how many were deleted."""
    cutoff = (now or timezone.now()) - FORGET_AFTER
    deleted, _ = SubmissionKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
