"""The answers to a case type's intake questions, stored with the case that was opened.

Called by the two ways a case is opened with them (``cases.services.opening``: the public
form and the desk), inside their transaction. Each answer keeps the question as it was asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..errors import CaseError
from ..models import Case, IntakeAnswer, IntakeQuestion

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
