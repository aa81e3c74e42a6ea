"""Unguessable links for the business. Only a SHA-256 hash of a token is ever stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from cases.models import Case
from cases.workflow import FINISHED_CASE_STATUSES

from .models import CaseAccessToken, TokenPurpose

# A real token is 43 characters; anything much longer is not worth hashing.
MAX_TOKEN_LENGTH = 100


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue_tracking_token(case: Case) -> str:
    """A new tracking link for ``case``; returns the raw token (shown once, e-mailed)."""
    raw = secrets.token_urlsafe(32)
    CaseAccessToken.objects.create(
        case=case, token_hash=hash_token(raw), purpose=TokenPurpose.TRACKING
    )
    return raw


def tracking_url(raw: str) -> str:
    return settings.SITE_URL + reverse("public:track", args=[raw])


def survey_token(case_id: int) -> str:
    """The survey link's token, derived from the secret key so that reminders can repeat it.

    The database holds only its hash; without the secret key the link cannot be rebuilt.
    """
    return salted_hmac("lotsportal.public.survey", str(case_id), algorithm="sha256").hexdigest()


def survey_url(case_id: int) -> str:
    return settings.SITE_URL + reverse("public:survey", args=[survey_token(case_id)])


def finished_at(case: Case):
    if case.status not in FINISHED_CASE_STATUSES:
        return None
    return case.closed_at or case.decided_at


def link_expired(case: Case, now=None) -> bool:
    """A tracking link stops working a configurable time after its case was finished."""
    ended = finished_at(case)
    if ended is None:
        return False
    now = now or timezone.now()
    return now - ended > timedelta(days=settings.TRACKING_LINK_DAYS_AFTER_CLOSE)
