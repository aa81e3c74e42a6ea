"""Loading the shipped Swedish question bank (training/question_bank/lots_sv.json)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from training.errors import TrainingError
from training.interchange import ParsedQuestion
from training.interchange.importer import ImportReport, import_parsed
from training.models import Course, QuestionEntry, Topic
from training.services.bank import ChoiceData, QuestionData

from . import review
from .course import create_course, set_requirement

BANK_PATH = Path(__file__).resolve().parent.parent / "question_bank" / "lots_sv.json"
DEFAULT_TITLE = "LOTS-kursen"
DEFAULT_REQUIREMENTS = [
    ("company_visit", 2, "Följ med på två företagsbesök."),
    ("council_meeting", 1, "Närvara vid ett kommunfullmäktigemöte."),
    ("placement", 1, "Auskultera en dag på en annan avdelning."),
]


def read_bank(path: Path = BANK_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def parsed_questions(bank: dict) -> list[ParsedQuestion]:
    names = {t["code"]: t["name"] for t in bank["topics"]}
    return [
        ParsedQuestion(
            row=number,
            topic_code=q["topic"],
            topic_name=names.get(q["topic"], q["topic"]),
            data=QuestionData(
                type=q["type"],
                text=q["text"],
                choices=tuple(ChoiceData(c["text"], bool(c["correct"])) for c in q["choices"]),
                explanation=q.get("explanation", ""),
                source=q.get("source", ""),
            ),
            # The key is the question's identity: a question whose wording was corrected keeps
            # the key of its first wording, so the correction becomes a new version of it.
            key=q.get("key", ""),
        )
        for number, q in enumerate(bank["questions"], start=1)
    ]


def current_edition(*, today: datetime.date | None = None) -> Course:
    """This year's edition; created with the defaults when there is none."""
    year = (today or timezone.localdate()).year
    course = Course.objects.filter(year=year).order_by("pk").first()
    if course is None:
        course = create_course(year=year, title=DEFAULT_TITLE)
        for kind, count, description in DEFAULT_REQUIREMENTS:
            set_requirement(course=course, kind=kind, required_count=count, description=description)
    return course


def load_bank(*, path: Path = BANK_PATH, course: Course | None = None) -> ImportReport:
    """Load the bank into ``course`` (this year's edition by default). Running it again changes
    nothing; an edited question gets a new version."""
    bank = read_bank(path)
    with transaction.atomic():
        course = course or current_edition()
        for position, topic in enumerate(bank["topics"], start=1):
            Topic.objects.update_or_create(
                code=topic["code"],
                defaults={
                    "name": topic["name"],
                    "description": topic.get("description", ""),
                    "position": position,
                },
            )
        unknown = {q["topic"] for q in bank["questions"]} - {t["code"] for t in bank["topics"]}
        if unknown:
            raise TrainingError(f"Unknown topics in the bank: {', '.join(sorted(unknown))}")
        report = import_parsed(questions=parsed_questions(bank), errors=[], course=course)
        if not report.ok:
            transaction.set_rollback(True)
        else:
            _apply_reviews(bank)
    return report


def _apply_reviews(bank: dict) -> None:
    """The bank's "checked_on"/"reviewer" (and "review" for what could not be verified) on
    each entry, unless the entry was checked later than that in the portal."""
    keys = {q["key"]: q for q in bank["questions"] if q.get("key") and q.get("checked_on")}
    for entry in QuestionEntry.objects.filter(key__in=keys):
        q = keys[entry.key]
        checked_on = datetime.date.fromisoformat(q["checked_on"])
        if entry.law_checked_on is not None and entry.law_checked_on >= checked_on:
            continue
        review.record_law_check(
            entry=entry, checked_on=checked_on, reviewer=q.get("reviewer", ""), by=None
        )
        if q.get("review"):
            review.mark_for_review(entries=[entry], reason=q["review"], by=None)
