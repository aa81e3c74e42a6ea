"""The answers to a case type's intake questions, stored with the case that was opened.

``record_intake_answers`` is called by the two ways a case is opened with them
(``cases.services.opening``: the public form and the desk), inside their transaction. Each
answer keeps the question as it was asked. ``change_intake_answers`` is the one way an
official corrects them afterwards, each change on the timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .. import events, permissions
from ..errors import CaseError, NotPermitted
from ..models import Case, IntakeAnswer, IntakeQuestion
from ..workflow import FINISHED_CASE_STATUSES
from .cases import lock_case
from .events import record

ANSWER_MAX = 5000


@dataclass(frozen=True)
class GivenAnswer:
    question: IntakeQuestion
    value: str
    value_en: str = ""


def record_intake_answers(*, case: Case, answers: Sequence[GivenAnswer]) -> list[IntakeAnswer]:
    """Store ``answers`` on the new ``case``: only asked questions of its case type, each once,
    and every required question answered."""
    asked = {
        q.pk: q for q in IntakeQuestion.objects.filter(case_type=case.case_type_id, is_active=True)
    }
    seen: set[int] = set()
    rows = []
    for given in answers:
        question = asked.get(given.question.pk)
        if question is None or question.pk in seen:
            raise CaseError(_("An answer was given to a question that is not asked."))
        value = given.value.strip()
        if not value or len(value) > ANSWER_MAX:
            raise CaseError(_("An answer is empty or too long."))
        seen.add(question.pk)
        rows.append(
            IntakeAnswer(
                case=case,
                question=question,
                kind=question.kind,
                label_sv=question.label_sv,
                label_en=question.label_en,
                value=value,
                value_en=given.value_en.strip(),
                position=question.position,
            )
        )
    missing = [q for q in asked.values() if q.required and q.pk not in seen]
    if missing:
        raise CaseError(
            _("Answer the required question: %(question)s") % {"question": missing[0].label}
        )
    return IntakeAnswer.objects.bulk_create(rows)


def editable_questions(case: Case) -> dict[int, IntakeQuestion]:
    """The questions an answer may be given or corrected to: those its type asks now."""
    return {
        q.pk: q for q in IntakeQuestion.objects.filter(case_type=case.case_type_id, is_active=True)
    }


def _checked(answers: Sequence[GivenAnswer], asked: dict[int, IntakeQuestion]) -> dict:
    """The given answers by question pk, checked as on intake."""
    given: dict[int, GivenAnswer] = {}
    for answer in answers:
        if answer.question.pk not in asked or answer.question.pk in given:
            raise CaseError(_("An answer was given to a question that is not asked."))
        if not answer.value.strip() or len(answer.value.strip()) > ANSWER_MAX:
            raise CaseError(_("An answer is empty or too long."))
        given[answer.question.pk] = answer
    missing = [q for q in asked.values() if q.required and q.pk not in given]
    if missing:
        raise CaseError(
            _("Answer the required question: %(question)s") % {"question": missing[0].label}
        )
    return given


def _shown(answer: IntakeAnswer | None) -> str:
    if answer is None:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        return answer.shown_value


def _label(answer: IntakeAnswer) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return answer.label


def _check_may_change(case: Case, by) -> None:
    if not permissions.can_edit_intake_answers(by, case):
        raise NotPermitted()
    if case.status in FINISHED_CASE_STATUSES:
        raise CaseError(
            _(
                "The case is decided or closed, so its answers are kept as they were; reopen it to "
                "correct them."
            )
        )


@transaction.atomic
def change_intake_answers(*, case: Case, by, answers: Sequence[GivenAnswer]) -> Case:
    """Make the answers to the questions the case type asks now ``answers`` (one left out is
    cleared); answers to retired questions stay as they are. Each answer keeps the question
    text it was asked with; a question answered for the first time takes today's. One
    ``intake_answers_changed`` event lists each change old -> new; nothing changed: refused."""
    case = lock_case(case)
    _check_may_change(case, by)
    asked = editable_questions(case)
    given = _checked(answers, asked)
    current = {a.question_id: a for a in case.intake_answers.filter(question_id__in=list(asked))}
    changes: list[tuple[str, str, str]] = []
    for pk, question in asked.items():
        answer, new = current.get(pk), given.get(pk)
        old_shown = _shown(answer)
        if new is None:
            if answer is not None:
                changes.append((_label(answer), old_shown, ""))
                answer.delete()
            continue
        value, value_en = new.value.strip(), new.value_en.strip()
        if answer is not None and (answer.value, answer.value_en) == (value, value_en):
            continue
        if answer is None:
            answer = IntakeAnswer(
                case=case,
                question=question,
                kind=question.kind,
                label_sv=question.label_sv,
                label_en=question.label_en,
                position=question.position,
            )
        answer.value, answer.value_en = value, value_en
        answer.save()
        changes.append((_label(answer), old_shown, _shown(answer)))
    if not changes:
        raise CaseError(_("Nothing was changed."))
    record(events.intake_answers_changed(case=case, changes=changes, actor=by))
    return case
