"""CSV: topic_code, topic_name, type, text, choice_1..choice_6, correct ("1" or "1;3"),
explanation, source, and an optional key that keeps a question's identity on re-import.

An interchange format with its own writer (comma-separated, no byte-order mark, so other tools
and our importer read it as before). Text a spreadsheet would run as a formula gets an
apostrophe in front on export (``lotsportal.spreadsheets.neutralise``); the importer takes it off
again (``restore``), so an export still imports back unchanged."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from lotsportal.spreadsheets import neutralise, restore
from training.models import Course, QuestionType
from training.services.bank import ChoiceData, QuestionData

from . import ParsedQuestion, RowError
from .collect import course_questions

MAX_CHOICES = 6
COLUMNS = [
    "topic_code",
    "topic_name",
    "type",
    "text",
    *[f"choice_{i}" for i in range(1, MAX_CHOICES + 1)],
    "correct",
    "explanation",
    "source",
    "key",
]
REQUIRED = [c for c in COLUMNS if c not in ("key", "source") and not c.startswith("choice_")]


def export_course(course: Course) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for topic, entry, version, choices in course_questions(course):
        texts = [c.text for c in choices] + [""] * (MAX_CHOICES - len(choices))
        correct = ";".join(str(i) for i, c in enumerate(choices, start=1) if c.is_correct)
        cells = [
            topic.code,
            topic.name,
            version.type,
            version.text,
            *texts,
            correct,
            version.explanation,
            version.source,
            entry.key,
        ]
        writer.writerow([neutralise(cell) for cell in cells])
    return out.getvalue()


def parse(text: str) -> tuple[list[ParsedQuestion], list[RowError]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [RowError(1, _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)})]
    questions, errors = [], []
    for row_number, row in enumerate(reader, start=2):
        try:
            questions.append(_parse_row(row_number, row))
        except ValueError as error:
            errors.append(RowError(row_number, str(error)))
    if not questions and not errors:
        errors.append(RowError(1, _("The file has no questions.")))
    return questions, errors


def _parse_row(number: int, row: dict) -> ParsedQuestion:
    if None in row:
        raise ValueError(_("The row has more cells than the header."))
    value = {k: restore((v or "").strip()) for k, v in row.items()}
    if not value["topic_code"]:
        raise ValueError(_("The topic code is empty."))
    if value["type"] not in QuestionType.values:
        raise ValueError(
            _("Unknown type “%(type)s” (use single, multiple or true_false).")
            % {"type": value["type"]}
        )
    texts = [value.get(f"choice_{i}", "") for i in range(1, MAX_CHOICES + 1)]
    while texts and not texts[-1]:
        texts.pop()
    try:
        correct = {int(part) for part in value["correct"].replace(",", ";").split(";") if part}
    except ValueError:
        raise ValueError(
            _("The correct answer “%(value)s” is not a choice number.")
            % {"value": value["correct"]}
        ) from None
    if not correct or any(n < 1 or n > len(texts) for n in correct):
        raise ValueError(
            _("The correct answer “%(value)s” does not name a filled-in choice.")
            % {"value": value["correct"]}
        )
    return ParsedQuestion(
        row=number,
        topic_code=value["topic_code"],
        topic_name=value["topic_name"] or value["topic_code"],
        key=value.get("key", ""),
        data=QuestionData(
            type=value["type"],
            text=value["text"],
            choices=tuple(ChoiceData(t, i in correct) for i, t in enumerate(texts, start=1)),
            explanation=value["explanation"],
            source=value.get("source", ""),
        ),
    )
