"""A fast generator of realistic volume data for benchmarks and the statistics pages.

``generate(cases=10_000)`` writes, with ``bulk_create``, about two years of business cases
before ``today`` with their referrals, timelines, public-form details, survey answers (NKI)
and this year's training results and diplomas. Reference data (departments, doors, case types)
is reused when present and otherwise created with the demo seeders' codes and values.

The rows follow the services' rules (see ``bench/storyline.py``) but are written directly:
no e-mail is queued and nothing is logged. Generated companies have organisationsnummer
beginning with ``54`` and generated officials e-mail addresses ``@bench.example``; ``flush()``
removes what the generator made.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import Role, User
from cases import events
from cases.models import (
    Case,
    CaseEvent,
    CaseSettings,
    Company,
    EventKind,
    Referral,
    RegistrationCounter,
)
from training.models import CourseResult, Diploma, PracticalActivity

from . import extras
from .people import (
    BATCH,
    BENCH_EMAIL_DOMAIN,
    BENCH_ORG_PREFIX,
    company_count,
    ensure_companies,
    ensure_officials,
    ensure_reference_data,
    officials_per_department,
    put_back_times,
)
from .storyline import Storyteller, TypeInfo

REQUESTS = {
    "samhallsbyggnad": "Behövs bygglov för åtgärden, och vilka handlingar ska lämnas in?",
    "miljo": "Behöver verksamheten registreras eller anmälas enligt livsmedels- eller miljöbalken?",
    "tillstand": "Vad krävs för serveringstillstånd och hur lång är handläggningstiden?",
    "teknik": "Kan marken upplåtas och vad säger ni i ett yttrande till polisen?",
    "raddning": "Krävs tillstånd för brandfarlig vara och vilka krav ställs på lokalen?",
    "naringsliv": "Kan näringslivet hjälpa till med lokal och kontakter?",
    "kommunledning": "Berörs kommunens mark eller avtal av etableringen?",
}
ANSWER = "Svar lämnat till samordnaren; se även bifogad vägledning."


def generated_cases():
    """The cases the generator made (their companies have a ``54`` organisationsnummer)."""
    return Case.objects.filter(company__org_number__startswith=BENCH_ORG_PREFIX)


def generate(
    *,
    cases: int,
    seed: int = 1,
    today: datetime.date | None = None,
    training: bool = True,
) -> dict:
    """Add ``cases`` generated cases spread over the 24 months before ``today``.

    Deterministic for a given seed, ``today`` and database state; adds to what is there
    (a second run adds as many again, with new numbers). Returns the number of rows made
    per kind.
    """
    today = today or timezone.localdate()
    rng = random.Random(seed)
    with transaction.atomic():
        departments, doors, types = ensure_reference_data()
        officials = ensure_officials(departments, officials_per_department(cases))
        companies = ensure_companies(company_count(cases))
        members = {code: [pk for pk, _role in people] for code, people in officials.items()}
        openers = {
            code: [pk for pk, role in people if role != Role.AVDELNINGSCHEF]
            for code, people in officials.items()
        }
        teller = Storyteller(
            rng,
            today=today,
            types={
                code: TypeInfo(code, t.lead_department.code, t.deadline_amount, t.deadline_unit)
                for code, t in types.items()
            },
            members=members,
            openers=openers,
            companies=len(companies),
            tz=timezone.get_current_timezone(),
        )
        stories = sorted((teller.case() for _n in range(cases)), key=lambda s: s.created_at)
        rows = _write_cases(stories, departments, doors, types, companies)
        referrals = _write_referrals(stories, rows, departments)
        event_count = _write_events(stories, rows, referrals)
        _refresh_search_vectors(rows)
        counts = {
            "cases": len(rows),
            "referrals": sum(len(mine) for mine in referrals),
            "events": event_count,
            "officials": sum(len(people) for people in officials.values()),
            "companies": len(companies),
        }
        counts.update(extras.write_public(stories, rows, seed=seed, now=teller.now))
        if training:
            counts.update(extras.write_training(officials, today=today, seed=seed))
    return counts


def _allocate_numbers(stories) -> list[tuple[str, int, int]]:
    """Registration numbers ``<prefix> <year>/<n>`` in opening order, with the counters moved
    on so that a case opened later through the services gets the next number."""
    prefix = CaseSettings.load().registration_prefix.strip() or "LOTS"
    per_year: dict[int, int] = defaultdict(int)
    for story in stories:
        per_year[timezone.localtime(story.created_at).year] += 1
    next_number = {}
    for year, count in sorted(per_year.items()):
        RegistrationCounter.objects.get_or_create(prefix=prefix, year=year)
        counter = RegistrationCounter.objects.select_for_update().get(prefix=prefix, year=year)
        used = Case.objects.filter(year=year, number__startswith=f"{prefix} {year}/").aggregate(
            top=Max("sequence")
        )["top"]
        start = max(counter.last_number, used or 0)
        counter.last_number = start + count
        counter.save(update_fields=["last_number"])
        next_number[year] = start + 1
    numbers = []
    for story in stories:
        year = timezone.localtime(story.created_at).year
        numbers.append((f"{prefix} {year}/{next_number[year]}", year, next_number[year]))
        next_number[year] += 1
    return numbers


def _write_cases(stories, departments, doors, types, companies) -> list[Case]:
    rows = []
    for story, (number, year, sequence) in zip(stories, _allocate_numbers(stories), strict=True):
        company_id, contact_id = companies[story.company]
        case_type = types[story.case_type]
        rows.append(
            Case(
                number=number,
                year=year,
                sequence=sequence,
                title=story.title,
                description=story.description,
                company_id=company_id,
                contact_id=contact_id,
                case_type=case_type,
                door=doors[story.door],
                opened_by_id=story.opened_by,
                opened_in=departments[story.opened_in],
                coordinator_id=story.coordinator,
                lead_department_id=case_type.lead_department_id,
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
            )
        )
    return Case.objects.bulk_create(rows, batch_size=BATCH)


def _write_referrals(stories, rows, departments) -> list[list[Referral]]:
    """Per story, its referrals (with primary keys). ``created_at`` is ``auto_now_add``, which
    ``bulk_create`` overwrites with the current time, so the real times are put back after."""
    per_story, flat, sent = [], [], []
    for story, case in zip(stories, rows, strict=True):
        mine = []
        for plan in story.referrals:
            referral = Referral(
                case=case,
                department=departments[plan.department],
                requested_by_id=plan.requested_by,
                request_text=REQUESTS[plan.department],
                due_date=plan.due_date,
                status=plan.status,
                assignee_id=plan.assignee,
                answer_text=ANSWER if plan.answered_at else "",
                decline_reason=extras.DECLINE_TEXT if plan.status == "declined" else "",
                accepted_at=plan.accepted_at,
                answered_at=plan.answered_at,
                closed_at=plan.closed_at,
            )
            mine.append(referral)
            flat.append(referral)
            sent.append(plan.sent_at)
        per_story.append(mine)
    Referral.objects.bulk_create(flat, batch_size=BATCH)
    put_back_times(flat, "created_at", sent)
    return per_story


# The referral events of a story carry "referral_index" (see bench/storyline.py).
REFERRAL_EVENTS = {
    EventKind.ROUTED: events.routed,
    EventKind.REFERRAL_ACCEPTED: events.referral_accepted,
    EventKind.REFERRAL_ANSWERED: events.referral_answered,
    EventKind.REFERRAL_DECLINED: events.referral_declined,
    EventKind.REFERRAL_WITHDRAWN: events.referral_withdrawn,
}


def _event(at, kind, actor, hints, case, referrals) -> CaseEvent:
    """The story's event, built by its kind's builder in ``cases/events.py``."""
    if kind == EventKind.OPENED:
        door, department, case_type = case.door, case.opened_in, case.case_type
        event = events.opened(
            case=case, door=door, department=department, case_type=case_type, at=at
        )
    elif kind == EventKind.STATUS_CHANGED:
        event = events.status_changed(case=case, at=at, **hints)
    else:
        event = REFERRAL_EVENTS[kind](referral=referrals[hints["referral_index"]], at=at)
    event.actor_id = actor  # an official's key: no User object for a million rows
    return event


def _write_events(stories, rows, referrals) -> int:
    timeline = []
    for story, case, mine in zip(stories, rows, referrals, strict=True):
        for at, kind, actor, hints in sorted(story.events, key=lambda event: event[0]):
            timeline.append(_event(at, kind, actor, hints, case, mine))
    CaseEvent.objects.bulk_create(timeline, batch_size=BATCH * 2)
    return len(timeline)


def _refresh_search_vectors(rows) -> None:
    """Number, title and description (not the company name: one UPDATE without a join)."""
    if connection.vendor != "postgresql" or not rows:
        return
    from django.contrib.postgres.search import SearchVector

    Case.objects.filter(pk__gte=rows[0].pk, pk__lte=rows[-1].pk, search_vector=None).update(
        search_vector=SearchVector("number", weight="A", config="swedish")
        + SearchVector("title", weight="A", config="swedish")
        + SearchVector("description", weight="C", config="swedish")
    )


def flush() -> dict:
    """Remove what the generator made: its cases (with their referrals, timelines and survey
    answers), companies and the generated officials' training results and diplomas. The
    officials themselves stay. The registration counters go back to the highest number still
    in use, so that a new run numbers its cases as the first did (a bench database only)."""
    with transaction.atomic():
        bench_users = User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
        diplomas, _per_model = Diploma.objects.filter(user__in=bench_users).delete()
        PracticalActivity.objects.filter(user__in=bench_users).delete()
        CourseResult.objects.filter(user__in=bench_users).delete()
        cases, _per_model = generated_cases().delete()
        companies, _per_model = Company.objects.filter(
            org_number__startswith=BENCH_ORG_PREFIX
        ).delete()
        for counter in RegistrationCounter.objects.select_for_update():
            used = Case.objects.filter(
                year=counter.year, number__startswith=f"{counter.prefix} {counter.year}/"
            ).aggregate(top=Max("sequence"))["top"]
            counter.last_number = used or 0
            counter.save(update_fields=["last_number"])
    return {"deleted_rows": cases + companies + diplomas}


def analyze() -> None:
    """Refresh PostgreSQL's planner statistics after a bulk load (what autovacuum does later)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
