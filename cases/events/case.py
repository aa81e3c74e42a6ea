"""The builders of the case's own events: opened, its status, coordinator and assignee, edits,
links and merges, the contact, the intake answers, anonymising and the archive export."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..models import (
    Case,
    CaseEvent,
    CaseType,
    ContactPerson,
    Door,
    Referral,
)
from .kinds import (
    ANONYMISED,
    ARCHIVE_EXPORTED,
    ASSIGNED,
    CASE_EDITED,
    CASE_LINKED,
    CASE_MERGED,
    CONTACT_SET,
    COORDINATOR_CHANGED,
    INTAKE_ANSWERS_CHANGED,
    OPENED,
    STATUS_CHANGED,
)
from .payloads import (
    AnonymisedPayload,
    ArchiveExportedPayload,
    AssignedPayload,
    CaseEditedPayload,
    CaseLinkedPayload,
    CaseMergedPayload,
    ContactSetPayload,
    CoordinatorChangedPayload,
    IntakeAnswersChangedPayload,
    OpenedPayload,
    StatusChangedPayload,
)

if TYPE_CHECKING:
    from accounts.models import Department, User


@OPENED.builds
def opened(
    *,
    case: Case,
    door: Door,
    department: Department,
    case_type: CaseType,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload = OpenedPayload(door=door.name, department=department.name, case_type=case_type.name)
    return OPENED.new(case=case, actor=actor, at=at, payload=payload)


@STATUS_CHANGED.builds
def status_changed(
    *,
    case: Case,
    from_status: str,
    to_status: str,
    comment: str = "",
    by_business: bool = False,
    paused_working_days: int | None = None,
    reopened: bool = False,
    to_business: str = "",
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload: StatusChangedPayload = {
        "from": str(from_status),
        "to": str(to_status),
        "comment": comment.strip(),
    }
    if by_business:
        payload["by_business"] = True
    if paused_working_days is not None:
        payload["paused_working_days"] = paused_working_days
    if reopened:
        payload["reopened"] = True
    if to_business.strip():
        payload["to_business"] = to_business.strip()
    return STATUS_CHANGED.new(case=case, actor=actor, at=at, payload=payload)


@COORDINATOR_CHANGED.builds
def coordinator_changed(
    *,
    case: Case,
    previous: User | None,
    coordinator: User,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload: CoordinatorChangedPayload = {
        "from": previous.full_name if previous else "",
        "to": coordinator.full_name,
    }
    return COORDINATOR_CHANGED.new(case=case, actor=actor, at=at, payload=payload)


@ANONYMISED.builds
def anonymised(
    *,
    case: Case,
    reason: str,
    removed: dict[str, int | bool],
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload = AnonymisedPayload(reason=reason, removed=removed)
    return ANONYMISED.new(case=case, actor=actor, at=at, payload=payload)


@CONTACT_SET.builds
def contact_set(
    *,
    case: Case,
    contact: ContactPerson,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """An official made ``contact`` (of the company register) the case's contact person."""
    payload = ContactSetPayload(contact=contact.pk, name=contact.name)
    return CONTACT_SET.new(case=case, actor=actor, at=at, payload=payload)


@ARCHIVE_EXPORTED.builds
def archive_exported(
    *,
    case: Case,
    package: str,
    sha256: str,
    size: int,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """The case was written out as an information package for the e-archive."""
    payload = ArchiveExportedPayload(package=package, sha256=sha256, size=size)
    return ARCHIVE_EXPORTED.new(case=case, actor=actor, at=at, payload=payload)


@CASE_EDITED.builds
def case_edited(
    *,
    case: Case,
    changes: list[tuple[str, str, str]],
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """``changes``: (field name, old value as shown, new value as shown), in the form's order."""
    payload = CaseEditedPayload(
        fields=[name for name, _old, _new in changes],
        changes=[{"field": name, "from": old, "to": new} for name, old, new in changes],
    )
    return CASE_EDITED.new(case=case, actor=actor, at=at, payload=payload)


@CASE_LINKED.builds
def case_linked(
    *, case: Case, other: Case, actor: User | None = None, at: datetime | None = None
) -> CaseEvent:
    """On each of the two cases' timelines, naming the other."""
    payload = CaseLinkedPayload(case=other.pk, number=other.number)
    return CASE_LINKED.new(case=case, actor=actor, at=at, payload=payload)


@CASE_MERGED.builds
def case_merged(
    *,
    case: Case,
    other: Case,
    kept: bool,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """On both timelines: ``kept`` on the case kept (``other`` merged into it), else on the
    merged case (``other`` is the one kept). Public: the business is pointed to the kept case."""
    payload = CaseMergedPayload(
        role="kept" if kept else "merged", case=other.pk, number=other.number
    )
    return CASE_MERGED.new(case=case, actor=actor, at=at, payload=payload)


@ASSIGNED.builds
def assigned(
    *,
    case: Case,
    previous: User | None,
    assignee: User,
    referral: Referral | None = None,
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    payload: AssignedPayload = {
        "from": previous.full_name if previous else "",
        "to": assignee.full_name,
    }
    if referral is not None:
        payload["referral"] = referral.pk
        payload["department"] = referral.department.name
    return ASSIGNED.new(case=case, actor=actor, at=at, payload=payload)


@INTAKE_ANSWERS_CHANGED.builds
def intake_answers_changed(
    *,
    case: Case,
    changes: list[tuple[str, str, str]],
    actor: User | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """``changes``: (question as asked, old answer as shown, new answer as shown), "" for none."""
    payload = IntakeAnswersChangedPayload(
        questions=[question for question, _old, _new in changes],
        changes=[{"question": q, "from": old, "to": new} for q, old, new in changes],
    )
    return INTAKE_ANSWERS_CHANGED.new(case=case, actor=actor, at=at, payload=payload)
