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
from lotsportal.site import site_url

from .models import CaseAccessToken, OutsideQuestion, SurveyInvitation, TokenPurpose

# A real token is 43 characters; anything much longer is not worth hashing.
MAX_TOKEN_LENGTH = 100


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue_tracking_token(case: Case, *, raw: str | None = None) -> str:
    """A new tracking link for ``case``; returns the raw token (shown once, e-mailed).

    ``raw``: a token made by ``submission_tracking_token`` (the public form's first link).
    """
    raw = raw or secrets.token_urlsafe(32)
    CaseAccessToken.objects.create(
        case=case, token_hash=hash_token(raw), purpose=TokenPurpose.TRACKING
    )
    return raw


SUBMISSION_LINK_SALT = "lotsportal.public.tracking-once"


def submission_tracking_token(once_key: str) -> str:
    """The first tracking link of a matter sent with this one-time key, derived from the
    secret key: a replay of the same form shows the same receipt without storing the token."""
    return salted_hmac(SUBMISSION_LINK_SALT, once_key, algorithm="sha256").hexdigest()


def tracking_url(raw: str) -> str:
    return site_url() + reverse("public:track", args=[raw])


SURVEY_LINK_SALT = "lotsportal.public.survey"


def survey_token(case_id: int, *, secret: str | None = None) -> str:
    """The survey link's token, derived from the secret key so that reminders can repeat it.

    The database holds only its hash; without the key the link cannot be rebuilt. The link is
    found by that hash, so it keeps working whatever the key becomes; see
    ``survey_token_of`` for the reminders.
    """
    return salted_hmac(
        SURVEY_LINK_SALT, str(case_id), secret=secret, algorithm="sha256"
    ).hexdigest()


def survey_token_of(invitation: SurveyInvitation) -> str | None:
    """The token of the link the invitation was sent with, rebuilt with whichever key made it:
    ``SECRET_KEY`` or, after a rotation, one of ``SECRET_KEY_FALLBACKS``. None when that key
    is no longer kept."""
    for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS):
        token = survey_token(invitation.case_id, secret=secret)
        if hash_token(token) == invitation.token_hash:
            return token
    return None


def survey_url(token: str) -> str:
    return site_url() + reverse("public:survey", args=[token])


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


def outside_answer_url(raw: str) -> str:
    return site_url() + reverse("public:outside_answer", args=[raw])


class OutsideLinkState:
    OPEN = "open"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


def outside_link_state(question: OutsideQuestion, now=None) -> str:
    """Whether an outside party's link still takes an answer, and if not, why."""
    if question.answered_at is not None:
        return OutsideLinkState.ANSWERED
    if question.revoked_at is not None:
        return OutsideLinkState.WITHDRAWN
    if (now or timezone.now()) >= question.expires_at:
        return OutsideLinkState.EXPIRED
    return OutsideLinkState.OPEN
