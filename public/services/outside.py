"""Questions to outside parties (Polisen, Länsstyrelsen, Skatteverket) through a private link.

As Signalen's "forward to external": an official asks from the case page; the party gets an
e-mail (the outbox) with a link that needs no account, answers once on its page, and the
answer lands on the case's timeline. The link's token is stored only as a hash (as the
tracking links), expires after ``OUTSIDE_QUESTION_LINK_DAYS`` and can be withdrawn.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.errors import CaseError, NotPermitted
from cases.models import Case
from cases.services.outside_parties import (
    record_outside_answer,
    record_outside_question,
    record_outside_question_withdrawn,
)

from .. import emails, permissions
from ..errors import OutsideLinkClosed
from ..models import OutsideQuestion, SubmittedForm
from ..tokens import OutsideLinkState, hash_token, outside_answer_url, outside_link_state
from .once import claim_once_key

CLOSED_MESSAGES = {
    OutsideLinkState.ANSWERED: _("This question has already been answered. Thank you!"),
    OutsideLinkState.WITHDRAWN: _("The municipality has withdrawn this question."),
    OutsideLinkState.EXPIRED: _("This link has expired."),
}


@dataclass(frozen=True)
class AskedQuestion:
    question: OutsideQuestion
    token: str  # the raw token: in the e-mail only (returned for the caller's tests and logs)


@transaction.atomic
def ask_outside_party(*, case: Case, by, party: str, email: str, question: str) -> AskedQuestion:
    """Send ``question`` about ``case`` to ``party`` at ``email`` with a private link."""
    if not permissions.can_ask_outside_party(by, case):
        raise NotPermitted()
    party, email, question = party.strip(), email.strip(), question.strip()
    if not (party and email and question):
        raise CaseError(_("Name the party, its e-mail address and the question."))
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    asked = OutsideQuestion.objects.create(
        case=case,
        party=party,
        email=email,
        question=question,
        token_hash=hash_token(raw),
        asked_by=by,
        asked_at=now,
        expires_at=now + timedelta(days=settings.OUTSIDE_QUESTION_LINK_DAYS),
    )
    record_outside_question(
        case=case,
        by=by,
        question=asked.pk,
        party=party,
        email=email,
        text=question,
        expires=asked.expires_at,
    )
    emails.send_outside_question(
        to=email,
        party=party,
        question=question,
        case=Case.objects.select_related("case_type", "company", "lead_department").get(pk=case.pk),
        url=outside_answer_url(raw),
        official_name=by.full_name,
        expires=asked.expires_at,
    )
    return AskedQuestion(question=asked, token=raw)


@transaction.atomic
def answer_outside_question(
    *, question: OutsideQuestion, answer: str, uploaded_file=None, once_key: str | None = None
) -> OutsideQuestion:
    """The party's answer (and an optional file, under the attachment rules) joins the case.

    ``once_key``: the answer form's one-time key; sent again it stores nothing and returns the
    answered question. A link answered, withdrawn or expired raises ``OutsideLinkClosed``.
    """
    claim = claim_once_key(key=once_key, form=SubmittedForm.OUTSIDE, case=question.case)
    if claim is not None and claim.replayed:
        return OutsideQuestion.objects.get(pk=question.pk)
    question = (
        OutsideQuestion.objects.select_for_update(of=("self",))
        .select_related("case", "asked_by")
        .get(pk=question.pk)
    )
    state = outside_link_state(question)
    if state != OutsideLinkState.OPEN:
        raise OutsideLinkClosed(CLOSED_MESSAGES[state])
    if not answer.strip():
        raise CaseError(_("Write your answer."))
    question.answer = answer.strip()
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_at"])
    record_outside_answer(
        case=question.case,
        question=question.pk,
        party=question.party,
        answer=question.answer,
        uploaded_file=uploaded_file,
    )
    case = question.case
    asker = question.asked_by
    emails.notify_outside_answer(
        to=asker.email if asker is not None and asker.is_active else "",
        party=question.party,
        case=Case.objects.select_related("case_type", "company", "lead_department").get(pk=case.pk),
    )
    return question


@transaction.atomic
def withdraw_outside_question(*, question: OutsideQuestion, by) -> OutsideQuestion:
    """An official withdraws the link: the party's page then says so and takes no answer."""
    if not permissions.can_ask_outside_party(by, question.case):
        raise NotPermitted()
    question = (
        OutsideQuestion.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=question.pk)
    )
    state = outside_link_state(question)
    if state == OutsideLinkState.ANSWERED:
        raise OutsideLinkClosed(_("The question is answered already: there is no link left."))
    if state == OutsideLinkState.WITHDRAWN:
        raise OutsideLinkClosed(_("The link is withdrawn already."))
    question.revoked_at = timezone.now()
    question.save(update_fields=["revoked_at"])
    record_outside_question_withdrawn(
        case=question.case, by=by, question=question.pk, party=question.party
    )
    return question
