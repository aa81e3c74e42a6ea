"""The intake questions of a case type as form fields, for the public form and the desk's.

Both forms add ``question_fields(questions)`` to their fields and hand
``given_answers(questions, cleaned_data)`` to the write path (``cases.services.intake``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Case, CaseType, IntakeAnswer, IntakeQuestion, QuestionKind
from .models.intake import in_language
from .services.intake import GivenAnswer

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000
FIELD_PREFIX = "question_"


class DateInput(forms.DateInput):
    input_type = "date"


def field_name(question: IntakeQuestion) -> str:
    return f"{FIELD_PREFIX}{question.pk}"


def asked_questions(case_type: CaseType | int | str | None) -> list[IntakeQuestion]:
    """The active questions of ``case_type`` (an instance or its pk as typed), in order."""
    if case_type in (None, ""):
        return []
    pk = case_type.pk if isinstance(case_type, CaseType) else case_type
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return []
    return list(IntakeQuestion.objects.filter(case_type_id=pk, is_active=True))


def _field(question: IntakeQuestion) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.label,
        "help_text": question.help_text,
        "required": question.required,
    }
    kind = question.kind
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(
            max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}), **common
        )
    if kind == QuestionKind.NUMBER:
        return forms.IntegerField(
            min_value=question.min_value, max_value=question.max_value, **common
        )
    if kind == QuestionKind.YES_NO:
        choices = [("yes", _("Yes")), ("no", _("No"))]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == QuestionKind.CHOICE:
        pairs = question.choice_pairs()
        shown = [(str(i), in_language(sv, en)) for i, (sv, en) in enumerate(pairs)]
        return forms.ChoiceField(choices=shown, widget=forms.RadioSelect, **common)
    if kind == QuestionKind.DATE:
        return forms.DateField(widget=DateInput, **common)
    return forms.CharField(max_length=SHORT_TEXT_MAX, **common)


def question_fields(questions: Iterable[IntakeQuestion]) -> dict[str, forms.Field]:
    return {field_name(question): _field(question) for question in questions}


def given_answers(
    questions: Iterable[IntakeQuestion], cleaned_data: Mapping[str, Any]
) -> list[GivenAnswer]:
    """The answers the valid form holds (blank ones left out), for the write path."""
    given = []
    for question in questions:
        value = cleaned_data.get(field_name(question))
        if value in (None, ""):
            continue
        if question.kind == QuestionKind.CHOICE:
            sv, en = question.choice_pairs()[int(value)]
            given.append(GivenAnswer(question=question, value=sv, value_en=en))
        elif isinstance(value, date):
            given.append(GivenAnswer(question=question, value=value.isoformat()))
        else:
            given.append(GivenAnswer(question=question, value=str(value).strip()))
    return given


KEPT = "kept"  # a choice answered before the question's choices were changed: keep it


def _initial(question: IntakeQuestion, answer: IntakeAnswer) -> Any:
    if question.kind == QuestionKind.CHOICE:
        for i, (sv, _en) in enumerate(question.choice_pairs()):
            if sv == answer.value:
                return str(i)
        return KEPT
    if question.kind == QuestionKind.DATE:
        try:
            return date.fromisoformat(answer.value)
        except ValueError:
            return None
    return answer.value


class IntakeAnswersForm(forms.Form):
    """Correcting a case's answers: a field for each question its type asks now, labelled as
    the question was asked when it was answered; answers to questions no longer asked (retired,
    or of the case's former type) are shown beside it, read-only (``kept``)."""

    prefix = "intake"

    def __init__(self, *args, case: Case, questions: list[IntakeQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        answers = list(case.intake_answers.all())
        by_question = {a.question_id: a for a in answers if a.question_id is not None}
        asked = {q.pk for q in questions}
        self.kept = [a for a in answers if a.question_id not in asked]
        self.answers = {}
        for question in questions:
            field = _field(question)
            answer = by_question.get(question.pk)
            if answer is not None:
                self.answers[question.pk] = answer
                field.label = answer.label
                field.initial = _initial(question, answer)
                if field.initial == KEPT:
                    assert isinstance(field, forms.ChoiceField)  # noqa: S101 (type narrowing)
                    field.choices = [(KEPT, answer.shown_value), *field.choices]
            self.fields[field_name(question)] = field

    def given(self) -> list[GivenAnswer]:
        """The answers as corrected (blank ones left out: cleared), for the write path."""
        kept = []
        for question in self.questions:
            if self.cleaned_data.get(field_name(question)) == KEPT:
                answer = self.answers[question.pk]
                kept.append(
                    GivenAnswer(question=question, value=answer.value, value_en=answer.value_en)
                )
        others = [q for q in self.questions if self.cleaned_data.get(field_name(q)) != KEPT]
        return kept + given_answers(others, self.cleaned_data)
