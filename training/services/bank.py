"""The question bank: creating questions and editing them without rewriting history."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext as _

from training import events
from training.errors import TrainingError
from training.models import (
    AttemptItem,
    Choice,
    QuestionEntry,
    QuestionType,
    QuestionVersion,
    Topic,
    VersionStatus,
)

from .history import record


@dataclass(frozen=True)
class ChoiceData:
    text: str
    correct: bool


@dataclass(frozen=True)
class QuestionData:
    type: str
    text: str
    choices: tuple[ChoiceData, ...]
    explanation: str
    source: str = ""


def stable_key(topic_code: str, text: str) -> str:
    """A question's key from its topic and first wording: the same bank loads onto the same rows."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(f"{topic_code}\n{normalised}".encode()).hexdigest()[:32]


def validate_question(data: QuestionData) -> list[str]:
    """Everything wrong with a question, as translated sentences (empty when it is fine)."""
    problems = []
    if data.type not in QuestionType.values:
        problems.append(_("Unknown question type “%(type)s”.") % {"type": data.type})
    if not data.text.strip():
        problems.append(_("The question has no text."))
    if not data.explanation.strip():
        problems.append(_("The question has no explanation."))
    texts = [c.text.strip() for c in data.choices]
    if len(texts) < 2:
        problems.append(_("A question needs at least two choices."))
    if any(not t for t in texts):
        problems.append(_("A choice has no text."))
    if len(set(texts)) != len(texts):
        problems.append(_("Two choices have the same text."))
    correct = sum(1 for c in data.choices if c.correct)
    if data.type in (QuestionType.SINGLE, QuestionType.TRUE_FALSE) and correct != 1:
        problems.append(_("A single-choice question needs exactly one correct choice."))
    if data.type == QuestionType.MULTIPLE and correct < 1:
        problems.append(_("A multiple-choice question needs at least one correct choice."))
    if data.type == QuestionType.TRUE_FALSE and len(texts) != 2:
        problems.append(_("A true-or-false question has exactly two choices."))
    return problems


def _check(data: QuestionData) -> None:
    problems = validate_question(data)
    if problems:
        raise TrainingError(" ".join(problems))


def _write_choices(version: QuestionVersion, data: QuestionData) -> None:
    Choice.objects.bulk_create(
        Choice(version=version, text=c.text.strip(), is_correct=c.correct, position=i)
        for i, c in enumerate(data.choices, start=1)
    )


def _fill(version: QuestionVersion, data: QuestionData) -> None:
    version.type = data.type
    version.text = data.text.strip()
    version.explanation = data.explanation.strip()
    version.source = data.source.strip()


def create_question(
    *,
    topic: Topic,
    data: QuestionData,
    by=None,
    key: str | None = None,
    status: str = VersionStatus.READY,
) -> QuestionEntry:
    _check(data)
    with transaction.atomic():
        entry = QuestionEntry.objects.create(
            topic=topic, key=key or stable_key(topic.code, data.text)
        )
        version = QuestionVersion(entry=entry, number=1, status=status)
        _fill(version, data)
        version.save()
        _write_choices(version, data)
        record(events.question_created(entry=entry.pk, version=version.pk, by=by))
    return entry


def askable_entries() -> QuerySet[QuestionEntry]:
    """Entries a course asks: the latest version that is not a draft is ready (a hidden one
    takes the question out; a draft waits while the ready version before it is asked)."""
    latest_status = (
        QuestionVersion.objects.filter(entry=OuterRef("pk"))
        .exclude(status=VersionStatus.DRAFT)
        .order_by("-number")
        .values("status")[:1]
    )
    return QuestionEntry.objects.annotate(_asked_status=Subquery(latest_status)).filter(
        _asked_status=VersionStatus.READY
    )


def asked_versions(entry_ids) -> dict[int, QuestionVersion]:
    """The version asked for each askable entry, with its choices in their own order."""
    versions = (
        QuestionVersion.objects.filter(
            entry_id__in=askable_entries().filter(pk__in=list(entry_ids)).values("pk"),
            status=VersionStatus.READY,
        )
        .select_related("entry__topic")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("position", "pk")))
        .order_by("entry_id", "-number")
    )
    latest: dict[int, QuestionVersion] = {}
    for version in versions:
        latest.setdefault(version.entry_id, version)
    return latest


def latest_version(entry: QuestionEntry, *, status: str | None = None) -> QuestionVersion | None:
    versions = entry.versions.all()
    if status is not None:
        versions = versions.filter(status=status)
    return versions.order_by("-number").first()


def edit_question(
    *, entry: QuestionEntry, data: QuestionData, by=None, status: str = VersionStatus.READY
) -> QuestionVersion:
    """Change what a question says.

    A version that has been shown to a participant is never changed: a new version is written
    and courses ask the latest ready one. A version no one has seen is edited in place.
    """
    _check(data)
    with transaction.atomic():
        QuestionEntry.objects.select_for_update().get(pk=entry.pk)
        current = latest_version(entry)
        if current is None or AttemptItem.objects.filter(version=current).exists():
            number = (current.number + 1) if current else 1
            version = QuestionVersion(entry=entry, number=number, status=status)
            _fill(version, data)
            version.save()
            created = True
        else:
            version = current
            _fill(version, data)
            version.status = status
            version.save()
            version.choices.all().delete()
            created = False
        _write_choices(version, data)
        record(
            events.question_edited(entry=entry.pk, version=version.pk, new_version=created, by=by)
        )
    return version


def set_question_status(*, entry: QuestionEntry, status: str, by=None) -> QuestionVersion:
    """Hide (or show again) the latest version; hidden questions are not asked."""
    with transaction.atomic():
        version = latest_version(entry)
        if version is None:
            raise TrainingError(_("The question has no version."))
        version.status = status
        version.save(update_fields=["status"])
        record(events.question_status(entry=entry.pk, status=status, by=by))
    return version


def question_data(version: QuestionVersion) -> QuestionData:
    """What a version says, in the form the services and interchange formats use."""
    return QuestionData(
        type=version.type,
        text=version.text,
        choices=tuple(ChoiceData(c.text, c.is_correct) for c in version.choices.all()),
        explanation=version.explanation,
        source=version.source,
    )
