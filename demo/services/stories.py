"""The writer's second part: a batch of planned stories becomes rows, in one transaction.

Every timeline event is built by its kind's builder in ``cases/events/`` with the story's
past time; nothing is hand-written. Rows carry their real times (an ``auto_now_add`` column
too): on PostgreSQL they are streamed with ``COPY`` (keys reserved from the table's sequence
first, so referrals, notes and messages can be named by their events), elsewhere (the
zero-setup SQLite of ``make run``) with ``bulk_create`` and the times put back after. The
search text is written by ``cases.services.registration``, the function the services use.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.db import connection, transaction
from django.db.models import Field, JSONField, Model
from django.utils import timezone

from cases import events
from cases.clocks import fee_reduction_fifths, weeks_after
from cases.models import (
    Case,
    CaseAccess,
    CaseEvent,
    EventKind,
    Message,
    MessageDirection,
    Note,
    Referral,
)
from cases.services.registration import refresh_search_index, reserve_numbers
from public.models import IntakeDetails, SurveyInvitation, SurveyResponse
from public.tokens import hash_token, survey_token

from ..planner import CaseStory
from .reference import BATCH, CompanyRow, Reference

REFERRAL_BUILDERS = {
    EventKind.ROUTED: events.routed,
    EventKind.REFERRAL_ACCEPTED: events.referral_accepted,
    EventKind.REFERRAL_ANSWERED: events.referral_answered,
    EventKind.REFERRAL_DECLINED: events.referral_declined,
    EventKind.REFERRAL_WITHDRAWN: events.referral_withdrawn,
}


@dataclass(frozen=True)
class Target:
    """Where the stories go: the reference rows and the companies, by the planner's index."""

    reference: Reference
    companies: list[CompanyRow]
    scale_max: int


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _converter(field: Field) -> Callable[[Any], Any]:
    """What ``COPY`` is given for a field's value: the value itself (psycopg adapts numbers,
    text, dates and times), JSON as its text, a choice as its value."""
    if isinstance(field, JSONField):
        encoder = field.encoder
        return lambda value: None if value is None else json.dumps(value, cls=encoder)
    return _plain


def insert(model: type[Model], objects: list, *, keys: bool = False) -> None:
    """Write ``objects`` as they are (times included); with ``keys`` they get their primary
    keys first (``bulk_create`` sets them itself)."""
    if not objects:
        return
    times = [
        f.attname
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
    ]
    if connection.vendor != "postgresql":
        kept = [[getattr(obj, name) for name in times] for obj in objects]
        model._default_manager.bulk_create(objects, batch_size=BATCH)
        if times:
            for obj, values in zip(objects, kept, strict=True):
                for name, value in zip(times, values, strict=True):
                    setattr(obj, name, value or timezone.now())
            model._default_manager.bulk_update(objects, times, batch_size=BATCH)
        return
    meta = model._meta
    quote = connection.ops.quote_name
    fields = [f for f in meta.concrete_fields if keys or not f.primary_key]
    with connection.cursor() as cursor:
        if keys:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(objects)],
            )
            for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = pk
        now = timezone.now()
        for obj in objects:
            for name in times:
                if getattr(obj, name) is None:
                    setattr(obj, name, now)
        columns = ", ".join(quote(str(f.column)) for f in fields)
        plan = [(f.attname, _converter(f)) for f in fields]
        with cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                values = obj.__dict__
                copy.write_row([convert(values[name]) for name, convert in plan])


def _numbers(stories: list[CaseStory]) -> list[tuple[str, int, int]]:
    """Registration numbers in opening order (the stories come sorted)."""
    per_year: dict[int, int] = defaultdict(int)
    for story in stories:
        per_year[timezone.localtime(story.created_at).year] += 1
    following = {}
    for year, count in sorted(per_year.items()):
        prefix, first = reserve_numbers(year=year, count=count)
        following[year] = (prefix, first)
    numbers = []
    for story in stories:
        year = timezone.localtime(story.created_at).year
        prefix, sequence = following[year]
        numbers.append((f"{prefix} {year}/{sequence}", year, sequence))
        following[year] = (prefix, sequence + 1)
    return numbers


def _case(story: CaseStory, number: tuple[str, int, int], target: Target) -> Case:
    ref, company = target.reference, target.companies[story.company]
    case_type = ref.types[story.case_type]
    return Case(
        number=number[0],
        year=number[1],
        sequence=number[2],
        title=story.title,
        description=story.description,
        company_id=company.company_id,
        contact_id=company.contact_id,
        case_type=case_type,
        door=ref.doors[story.door],
        opened_by_id=story.opened_by,
        opened_in=ref.departments[story.opened_in],
        coordinator_id=story.coordinator,
        lead_department=case_type.lead_department,
        priority=story.priority,
        status=story.status,
        due_date=story.due_date,
        confidential=story.confidential,
        created_at=story.created_at,
        first_response_at=story.first_response_at,
        decided_at=story.decided_at,
        closed_at=story.closed_at,
        waiting_since=story.waiting_since,
        paused_working_days=story.paused_working_days,
        coordinator_named_at=story.created_at if story.coordinator else None,
        **_statutory(case_type, story),
    )


def _statutory(case_type, story: CaseStory) -> dict:
    """PBL's clock of a case type that runs one: from the day the case came in (no completion
    asked in the demo; the planned ``due_date`` stays what the planner made)."""
    if not case_type.has_statutory_clock:
        return {}
    received = timezone.localtime(story.created_at).date()
    due = weeks_after(received, case_type.statutory_weeks)
    decided = story.decided_at
    fifths = fee_reduction_fifths(due, timezone.localtime(decided).date()) if decided else None
    return {
        "statutory_received_on": received,
        "statutory_due_date": due,
        "fee_reduction_fifths": fifths,
    }


def _event(story: CaseStory, case: Case, item: tuple, rows: dict, target: Target) -> CaseEvent:
    """The story's event, built by its kind's builder in ``cases/events/``."""
    at, kind, actor, hints = item
    contact = target.companies[story.company].contact_name
    if kind == EventKind.OPENED:
        event = events.opened(
            case=case, door=case.door, department=case.opened_in, case_type=case.case_type, at=at
        )
    elif kind == EventKind.STATUS_CHANGED:
        event = events.status_changed(case=case, at=at, **hints)
    elif kind == EventKind.NOTE_ADDED:
        event = events.note_added(note=rows["notes"][hints["note"]], at=at)
    elif kind == EventKind.MESSAGE_SENT:
        event = events.message_sent(message=rows["messages"][hints["message"]], to=contact, at=at)
    elif kind == EventKind.MESSAGE_RECEIVED:
        message = rows["messages"][hints["message"]]
        event = events.message_received(message=message, from_name=contact, at=at)
    else:
        event = REFERRAL_BUILDERS[kind](referral=rows["referrals"][hints["referral"]], at=at)
    event.actor_id = actor  # an official's key: no User object for a million rows
    return event


def _children(story: CaseStory, case: Case, target: Target) -> dict[str, list]:
    departments = target.reference.departments
    referrals = [
        Referral(
            case=case,
            department=departments[plan.department],
            requested_by_id=plan.requested_by,
            request_text=plan.request_text,
            due_date=plan.due_date,
            status=plan.status,
            assignee_id=plan.assignee,
            answer_text=plan.answer_text,
            decline_reason=plan.decline_reason,
            created_at=plan.sent_at,
            accepted_at=plan.accepted_at,
            answered_at=plan.answered_at,
            closed_at=plan.closed_at,
        )
        for plan in story.referrals
    ]
    notes = [Note(case=case, author_id=n.author, body=n.body, created_at=n.at) for n in story.notes]
    messages = [
        Message(
            case=case,
            direction=MessageDirection.TO_BUSINESS
            if m.to_business
            else MessageDirection.FROM_BUSINESS,
            author_id=m.author,
            body=m.body,
            created_at=m.at,
        )
        for m in story.messages
    ]
    return {"referrals": referrals, "notes": notes, "messages": messages}


def _access(cases: list[Case], children: list[dict[str, list]]) -> list[CaseAccess]:
    """The departments each confidential case is open to: its lead department and those it
    is routed to (as ``cases.services.access``)."""
    return [
        CaseAccess(case=case, department_id=department)
        for case, rows in zip(cases, children, strict=True)
        if case.confidential
        for department in sorted(
            {case.lead_department_id} | {referral.department_id for referral in rows["referrals"]}
        )
    ]


def _public(story: CaseStory, case: Case, target: Target, into: dict[str, list]) -> None:
    """The public form's details, the survey invitation and the answer, if any."""
    company = target.companies[story.company]
    if story.public_form:
        into["intake"].append(
            IntakeDetails(
                case=case,
                consent_given_at=story.created_at,
                company_name_given=company.name,
                contact_name_given=company.contact_name,
                contact_email_given=company.contact_email,
                contact_phone_given=company.contact_phone,
            )
        )
    survey = story.survey
    if survey is None:
        return
    into["invitations"].append(
        SurveyInvitation(
            case=case,
            token_hash=hash_token(survey_token(case.pk)),
            created_at=survey.sent_at,
            first_sent_at=survey.sent_at,
            reminders_sent=survey.reminders,
        )
    )
    if survey.answered_at is not None:
        into["responses"].append(
            SurveyResponse(
                case=case,
                scale_max=target.scale_max,
                comment=survey.comment,
                answered_at=survey.answered_at,
                **survey.scores,
            )
        )


def write_stories(stories: list[CaseStory], target: Target) -> dict[str, int]:
    """One batch of stories (in opening order), in its own transaction. Returns row counts."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Generated data can be generated again: no need to wait for the WAL flush.
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cases = [
            _case(story, number, target)
            for story, number in zip(stories, _numbers(stories), strict=True)
        ]
        insert(Case, cases, keys=True)
        children = [
            _children(story, case, target) for story, case in zip(stories, cases, strict=True)
        ]
        for name, model in (("referrals", Referral), ("notes", Note), ("messages", Message)):
            insert(model, [row for rows in children for row in rows[name]], keys=True)
        insert(CaseAccess, _access(cases, children))
        timeline: list[CaseEvent] = []
        public: dict[str, list] = {"intake": [], "invitations": [], "responses": []}
        for story, case, rows in zip(stories, cases, children, strict=True):
            for item in sorted(story.events, key=lambda event: event[0]):
                timeline.append(_event(story, case, item, rows, target))
            _public(story, case, target, public)
        insert(CaseEvent, timeline)
        insert(IntakeDetails, public["intake"])
        insert(SurveyInvitation, public["invitations"])
        insert(SurveyResponse, public["responses"])
        refresh_search_index(Case.objects.filter(pk__in=[case.pk for case in cases]))
    return {
        "cases": len(cases),
        "referrals": sum(len(rows["referrals"]) for rows in children),
        "events": len(timeline),
        "notes": sum(len(rows["notes"]) for rows in children),
        "messages": sum(len(rows["messages"]) for rows in children),
        "intake_details": len(public["intake"]),
        "survey_invitations": len(public["invitations"]),
        "survey_responses": len(public["responses"]),
    }
