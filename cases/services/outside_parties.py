"""The case's side of a question to an outside party (Polisen, Länsstyrelsen, Skatteverket).

The question, its private link and the party's page belong to the app that serves the link
(``public.services.outside``); what lands on the case (its timeline events, the party's file,
the first action that opens a new case) is written here, in the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from .. import events, permissions
from ..errors import NotPermitted
from ..models import Attachment, Case
from .attachments import store_attachment
from .cases import lock_case, take_up
from .events import record


@transaction.atomic
def record_outside_question(
    *, case: Case, by, question: int, party: str, email: str, text: str, expires: datetime
) -> Case:
    """An official asked ``party``: the event on the timeline; the coordinator's question is
    the first work on a new case (it opens it, as a note of theirs does)."""
    case = lock_case(case)
    if not permissions.can_add_note(by, case):
        raise NotPermitted()
    record(
        events.outside_question_sent(
            case=case,
            question=question,
            party=party,
            email=email,
            text=text,
            expires=expires,
            actor=by,
        )
    )
    if case.coordinator_id == by.pk:
        take_up(case, by=by)
    return case


@transaction.atomic
def record_outside_answer(
    *, case: Case, question: int, party: str, answer: str, uploaded_file=None
) -> Attachment | None:
    """The party answered on its page (no official is the actor); its file, under the
    attachment rules, is an internal one: the business's tracking page never offers it."""
    case = lock_case(case)
    attachment = None
    if uploaded_file is not None:
        attachment = store_attachment(
            case=case, uploaded_file=uploaded_file, by=None, from_business=False
        )
    record(
        events.outside_answer_received(
            case=case, question=question, party=party, answer=answer, attachment=attachment
        )
    )
    return attachment


@transaction.atomic
def record_outside_question_withdrawn(*, case: Case, by, question: int, party: str) -> None:
    case = lock_case(case)
    if not permissions.can_add_note(by, case):
        raise NotPermitted()
    record(events.outside_question_revoked(case=case, question=question, party=party, actor=by))
