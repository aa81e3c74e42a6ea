"""Import questions all or nothing: validate every row first, then write in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from training import permissions
from training.models import Choice, Course, QuestionEntry, QuestionVersion, Topic, VersionStatus
from training.services.bank import (
    create_question,
    edit_question,
    latest_version,
    question_data,
    stable_key,
    validate_question,
)
from training.services.course import add_questions

from . import ParsedQuestion, RowError, csv_format, moodle_xml

if TYPE_CHECKING:
    from accounts.models import User

MAX_BYTES = 5 * 1024 * 1024


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    imported: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def parse_file(*, name: str, raw: bytes) -> tuple[list[ParsedQuestion], list[RowError]]:
    text = _decode(raw)
    if name.lower().endswith(".xml") or text.lstrip().startswith("<"):
        return moodle_xml.parse(text)
    return csv_format.parse(text)


def import_questions(*, upload, course: Course | None, by: User | None = None) -> ImportReport:
    """``by`` is the coordinator importing (None for the system: the management command)."""
    if by is not None:
        permissions.require_coordinator(by)
    if upload.size > MAX_BYTES:
        return ImportReport(errors=[RowError(0, _("The file is larger than 5 MB."))])
    questions, errors = parse_file(name=upload.name, raw=upload.read())
    return import_parsed(questions=questions, errors=errors, course=course, by=by)


def _limit(model, name: str) -> int | None:
    return model._meta.get_field(name).max_length


def _unstorable(question: ParsedQuestion) -> list[str]:
    """What the database could not hold: NUL bytes, text longer than its column."""
    data = question.data
    fields = [
        (_("topic code"), question.topic_code, _limit(Topic, "code")),
        (_("topic name"), question.topic_name, _limit(Topic, "name")),
        (_("stable key"), question.key, _limit(QuestionEntry, "key")),
        (_("question"), data.text, None),
        (_("explanation"), data.explanation, None),
        (_("source"), data.source, _limit(QuestionVersion, "source")),
        *((_("answer"), choice.text, _limit(Choice, "text")) for choice in data.choices),
    ]
    problems = []
    for label, value, limit in fields:
        if "\x00" in (value or ""):
            problems.append(_("The %(field)s contains a NUL character.") % {"field": label})
        elif limit is not None and len(value or "") > limit:
            problems.append(
                _("The %(field)s is longer than %(limit)s characters.")
                % {"field": label, "limit": limit}
            )
    return problems


def import_parsed(
    *, questions: list[ParsedQuestion], errors: list[RowError], course: Course | None, by=None
) -> ImportReport:
    report = ImportReport(errors=list(errors))
    seen: dict[str, int] = {}
    for question in questions:
        for problem in [*validate_question(question.data), *_unstorable(question)]:
            report.errors.append(RowError(question.row, problem))
        key = question.key or stable_key(question.topic_code, question.data.text)
        if key in seen:
            report.errors.append(
                RowError(
                    question.row,
                    _("The same question as on row %(row)s.") % {"row": seen[key]},
                )
            )
        seen[key] = question.row
    if report.errors:
        report.errors.sort(key=lambda e: e.row)
        return report
    with transaction.atomic():
        entries = []
        topics = {
            t.code: t for t in Topic.objects.filter(code__in={q.topic_code for q in questions})
        }
        for question in questions:
            topic = topics.get(question.topic_code)
            if topic is None:
                topic = topics[question.topic_code] = Topic.objects.create(
                    code=question.topic_code, name=question.topic_name, position=len(topics) + 1
                )
            key = question.key or stable_key(question.topic_code, question.data.text)
            entry = QuestionEntry.objects.filter(key=key).first()
            if entry is None:
                entry = create_question(topic=topic, data=question.data, by=by, key=key)
                report.imported += 1
            else:
                current = latest_version(entry, status=VersionStatus.READY)
                if current is not None and _same(question_data(current), question.data):
                    report.unchanged += 1
                else:
                    edit_question(entry=entry, data=question.data, by=by)
                    report.updated += 1
            entries.append(entry)
        if course is not None:
            add_questions(course=course, entries=entries, by=by)
    return report


def _same(a, b) -> bool:
    def norm(d):
        return (
            d.type,
            d.text.strip(),
            tuple((c.text.strip(), c.correct) for c in d.choices),
            d.explanation.strip(),
            d.source.strip(),
        )

    return norm(a) == norm(b)
