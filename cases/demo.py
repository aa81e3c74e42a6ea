"""The demo municipality's business cases (part of `seed_demo`).

Case types from DOMAIN.md, about 60 companies and about 300 cases over the past twelve months,
opened, routed, answered, noted and closed through the services, so every timeline is real.
The oldest half (finished cases) is written in bulk with the same rows the services write, so
that `make run` stays fast on SQLite. A demo clock moves time back while each newer case's story
is played through the services; the e-mail they queue stays in the outbox, recorded as sent
(nobody is mailed). Idempotent: a second run adds no cases.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN
from accounts.models import Department, Membership, User
from notifications.models import OutboxMessage, OutboxStatus
from notifications.services import render_message

from . import demo_data as data
from . import events
from .errors import CaseError
from .identifiers import luhn_check_digit
from .models import Case, CaseEvent, CaseType, Company, ContactPerson, Door, Referral
from .services import cases as case_services
from .services import communication, referrals
from .services.registration import allocate_number, due_date_for, refresh_search_vector
from .workdays import add_working_days
from .workflow import CaseStatus, ReferralStatus

CASE_COUNT = 300
# The oldest cases are finished and written in bulk; the rest are played through the services.
ARCHIVE_COUNT = 150
COMPANY_COUNT = 60
SEED = 2026
OPENING_DEPARTMENTS = ["kontaktcenter", "naringsliv", "samhallsbyggnad", "miljo", "tillstand"]
DOOR_WEIGHTS = {
    "reception": 4,
    "phone": 6,
    "email": 5,
    "visit": 2,
    "company_visit": 2,
    "public_form": 3,
    "other": 1,
}


@contextmanager
def demo_clock(moment: datetime) -> Iterator[Callable[[timedelta], None]]:
    """Make ``timezone.now()`` (and so the services and auto_now fields) read ``moment``."""
    current = [moment]
    latest = timezone.now() - timedelta(minutes=1)  # the real clock, read before patching

    def advance(step: timedelta) -> None:
        current[0] = min(current[0] + step, latest)

    with mock.patch("django.utils.timezone.now", lambda: current[0]):
        yield advance


def _org_number(rng: random.Random, first: str) -> str:
    """Legal form digit, any digit, digits 3–4 ≥ 20, five more, then the Luhn check digit."""
    nine = f"{first}{rng.randint(5, 9)}{rng.randint(20, 99)}{rng.randint(10000, 99999)}"
    return f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


def _personnummer(rng: random.Random) -> str:
    """A sole trader's personnummer (YYMMDD-NNN + Luhn)."""
    birth = f"{rng.randint(60, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    nine = f"{birth}{rng.randint(100, 999)}"
    return f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


def _companies(rng: random.Random) -> list[Company]:
    companies = []
    for index, stem in enumerate(data.COMPANY_STEMS[:COMPANY_COUNT]):
        sole_trader = index % 19 == 7
        if sole_trader:
            number, kind, name = _personnummer(rng), "personnummer", f"{stem} (enskild firma)"
        else:
            form = "9" if index % 11 == 3 else "5"
            number, kind = _org_number(rng, form), "organisationsnummer"
            name = f"{stem} {'HB' if form == '9' else 'AB'}"
        city, postal_code = rng.choice(data.CITIES)
        industry = next((v for k, v in data.INDUSTRIES.items() if k in stem), "Handel och tjänster")
        company, _ = Company.objects.get_or_create(
            org_number=number,
            defaults={
                "identifier_kind": kind,
                "name": name,
                "street_address": f"{rng.choice(data.STREETS)} {rng.randint(1, 60)}",
                "postal_code": postal_code,
                "city": city,
                "industry": industry,
            },
        )
        first, last = rng.choice(data.CONTACT_NAMES)
        ContactPerson.objects.get_or_create(
            company=company,
            name=f"{first} {last}",
            defaults={
                "role": rng.choice(data.ROLES),
                "email": f"{first.lower()}.{last.lower()}@foretag.example".replace(
                    "ö", "o"
                ).replace("ć", "c"),
                "phone": f"070-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            },
        )
        companies.append(company)
    return companies


def _case_types() -> dict[str, CaseType]:
    departments = {d.code: d for d in Department.objects.all()}
    types = {}
    for position, (code, name, lead, amount, unit, public) in enumerate(data.CASE_TYPES, 1):
        types[code], _ = CaseType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "lead_department": departments[lead],
                "deadline_amount": amount,
                "deadline_unit": unit,
                "public_description": public,
                "position": position,
            },
        )
    return types


def _members() -> dict[str, list[User]]:
    members: dict[str, list[User]] = {}
    rows = Membership.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}").select_related(
        "user", "department"
    )
    for membership in rows.order_by("user__email"):
        members.setdefault(membership.department.code, []).append(membership.user)
    return members


def _play_case(rng, *, index, company, case_type, members, departments, doors, now) -> None:
    """One case's story, from the door to (for most older ones) its end."""
    opened_days_ago = int(365 * (1 - (index / CASE_COUNT) ** 0.8))
    opened_at = now - timedelta(days=opened_days_ago, hours=rng.randint(0, 6))
    opened_at = opened_at.replace(hour=rng.randint(8, 15), minute=rng.randint(0, 59))
    opened_at = min(opened_at, now - timedelta(hours=3))  # today's cases came in this morning
    opening_code = rng.choice(OPENING_DEPARTMENTS)
    opener = rng.choice(members[opening_code])
    door = doors[rng.choices(list(DOOR_WEIGHTS), weights=list(DOOR_WEIGHTS.values()))[0]]
    with demo_clock(opened_at) as advance:
        case = case_services.open_case(
            by=opener,
            department=departments[opening_code],
            company=company,
            contact=company.contacts.first(),
            case_type=case_type,
            door=door,
            title=rng.choice(data.TITLES[case_type.code]),
            description=rng.choice(data.DESCRIPTIONS),
            priority=rng.choices(["low", "normal", "high"], weights=[2, 8, 1])[0],
            confidential=index % 50 == 13,
        )
        advance(timedelta(hours=rng.randint(1, 30)))
        if opened_days_ago < 3 and rng.random() < 0.6:
            return  # just came in
        case = case_services.change_status(case=case, to=CaseStatus.OPEN, by=opener)
        candidates = [c for c in members if c not in (case.lead_department.code, opening_code)]
        targets = [case.lead_department.code] if case.lead_department.code != opening_code else []
        targets += rng.sample(candidates, k=rng.choice([0, 1, 1, 2]))
        for code in targets:
            if code not in data.REQUESTS:
                continue
            referral = referrals.route_case(
                case=case, department=departments[code], by=opener, request_text=data.REQUESTS[code]
            )
            advance(timedelta(hours=rng.randint(2, 48)))
            if opened_days_ago < 6 and rng.random() < 0.5:
                continue  # still with the department
            answerer = rng.choice(members[code])
            referral = referrals.accept_referral(referral=referral, by=answerer)
            advance(timedelta(hours=rng.randint(1, 72)))
            if rng.random() < 0.08:
                referrals.decline_referral(
                    referral=referral, by=answerer, reason="Frågan hör till en annan avdelning."
                )
                continue
            referrals.answer_referral(
                referral=referral, by=answerer, answer_text=data.ANSWERS[code]
            )
            advance(timedelta(hours=rng.randint(1, 24)))
        if rng.random() < 0.5:
            communication.add_note(case=case, by=opener, body=rng.choice(data.NOTES))
        if case.contact and rng.random() < 0.6:
            communication.send_message_to_business(
                case=case, by=opener, body=rng.choice(data.MESSAGES)
            )
        advance(timedelta(days=rng.randint(1, 20)))
        if opened_days_ago > 45 and rng.random() < 0.9:
            final = CaseStatus.DECIDED if rng.random() < 0.4 else CaseStatus.CLOSED
            case_services.change_status(case=case, to=final, by=opener, comment="Klart.")
        elif rng.random() < 0.15:
            case_services.change_status(case=case, to=CaseStatus.WAITING, by=opener)


def _archive_case(rng, *, index, company, case_type, members, departments, doors, now, rows):
    """An older, finished case written in bulk (the same rows the services would write)."""
    opened_days_ago = int(365 * (1 - (index / CASE_COUNT) ** 0.8))
    opened_at = (now - timedelta(days=opened_days_ago)).replace(
        hour=rng.randint(8, 15), minute=rng.randint(0, 59)
    )
    opening_code = rng.choice(OPENING_DEPARTMENTS)
    opener = rng.choice(members[opening_code])
    door = doors[rng.choices(list(DOOR_WEIGHTS), weights=list(DOOR_WEIGHTS.values()))[0]]
    number, year, sequence = allocate_number(year=opened_at.year)
    final = CaseStatus.DECIDED if rng.random() < 0.4 else CaseStatus.CLOSED
    responded = opened_at + timedelta(hours=rng.randint(1, 30))
    finished = responded + timedelta(days=rng.randint(3, 40))
    case = Case(
        number=number,
        year=year,
        sequence=sequence,
        title=rng.choice(data.TITLES[case_type.code]),
        description=rng.choice(data.DESCRIPTIONS),
        company=company,
        contact=company.contacts.all()[0],
        case_type=case_type,
        door=door,
        opened_by=opener,
        opened_in=departments[opening_code],
        coordinator=opener,
        lead_department=case_type.lead_department,
        priority=rng.choices(["low", "normal", "high"], weights=[2, 8, 1])[0],
        status=final,
        due_date=due_date_for(case_type, opened_at.date()),
        confidential=index % 50 == 13,
        created_at=opened_at,
        first_response_at=responded,
        decided_at=finished if final == CaseStatus.DECIDED else None,
        closed_at=finished if final == CaseStatus.CLOSED else None,
    )
    story = [
        events.opened(
            case=case,
            door=door,
            department=departments[opening_code],
            case_type=case_type,
            actor=opener,
            at=opened_at,
        ),
        events.status_changed(
            case=case, from_status="new", to_status="open", actor=opener, at=responded
        ),
    ]
    referral_rows = []
    code = case_type.lead_department.code
    if code != opening_code and code in data.REQUESTS:
        answerer = rng.choice(members[code])
        asked = responded + timedelta(hours=1)
        answered = asked + timedelta(hours=rng.randint(4, 96))
        referral = Referral(
            department=departments[code],
            requested_by=opener,
            request_text=data.REQUESTS[code],
            due_date=add_working_days(asked.date(), 5),
            status=ReferralStatus.ANSWERED,
            assignee=answerer,
            answer_text=data.ANSWERS[code],
            accepted_at=asked + timedelta(hours=2),
            answered_at=answered,
            closed_at=answered,
        )
        referral_rows.append((referral, asked, answerer))
    story.append(
        events.status_changed(
            case=case,
            from_status="open",
            to_status=final,
            comment="Klart.",
            actor=opener,
            at=finished,
        )
    )
    rows.append((case, story, referral_rows))


def _write_archive(rows) -> None:
    cases = Case.objects.bulk_create([case for case, _, _ in rows])
    referral_objects, sent_at = [], []
    for case, _, referral_rows in rows:
        for referral, asked, _ in referral_rows:
            referral.case = case
            referral_objects.append(referral)
            sent_at.append(asked)
    Referral.objects.bulk_create(referral_objects)
    # auto_now_add gave "now": put the real times back.
    for referral, asked in zip(referral_objects, sent_at, strict=True):
        referral.created_at = asked
    Referral.objects.bulk_update(referral_objects, ["created_at"])
    timeline = []
    for _case, story, referral_rows in rows:
        for referral, asked, answerer in referral_rows:
            story += [
                events.routed(referral=referral, actor=referral.requested_by, at=asked),
                events.referral_accepted(
                    referral=referral, actor=answerer, at=referral.accepted_at
                ),
                events.referral_answered(
                    referral=referral, actor=answerer, at=referral.answered_at
                ),
            ]
        timeline += sorted(story, key=lambda event: event.created_at)
    # The events were built with the unsaved cases: bulk_create reads their new keys.
    CaseEvent.objects.bulk_create(timeline)
    for case in cases:
        refresh_search_vector(case)


def _record_demo_mail_as_sent(since_pk: int) -> int:
    """The services queued e-mail as they would; in the demo nobody is mailed."""
    messages = list(OutboxMessage.objects.filter(pk__gt=since_pk, status=OutboxStatus.PENDING))
    for message in messages:
        message.subject = render_message(message)[0][:255]
        message.status = OutboxStatus.SENT
        # not_before was written on the demo clock; created_at took the real time.
        message.created_at = message.sent_at = message.not_before
        message.attempts = 1
    OutboxMessage.objects.bulk_update(
        messages, ["subject", "status", "created_at", "sent_at", "attempts"], batch_size=200
    )
    return len(messages)


@transaction.atomic
@mock.patch("notifications.services.enqueue_send", lambda message_id: None)
def seed(report: Callable[[str], None]) -> None:
    types = _case_types()
    rng = random.Random(SEED)
    companies = _companies(rng)
    if Case.objects.filter(company__in=companies).exists():
        report("Demo cases already exist; none added.")
        return
    members = _members()
    departments = {d.code: d for d in Department.objects.all()}
    doors = {d.code: d for d in Door.objects.all()}
    last_mail = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    now = timezone.localtime()
    type_list = list(types.values())
    archive: list = []
    for index in range(CASE_COUNT):
        if index < ARCHIVE_COUNT:
            _archive_case(
                rng,
                index=index,
                company=rng.choice(companies),
                case_type=rng.choice(type_list),
                members=members,
                departments=departments,
                doors=doors,
                now=now,
                rows=archive,
            )
            continue
        if archive:
            _write_archive(archive)
            archive = []
        try:
            _play_case(
                rng,
                index=index,
                company=rng.choice(companies),
                case_type=rng.choice(type_list),
                members=members,
                departments=departments,
                doors=doors,
                now=now,
            )
        except CaseError as error:  # a demo story that the rules refuse is simply skipped
            report(f"Skipped a demo case: {error}")
    mailed = _record_demo_mail_as_sent(last_mail)
    overdue = Case.objects.overdue(timezone.localdate()).count()
    report(
        f"Demo cases: {Case.objects.count()} cases for {len(companies)} companies "
        f"({overdue} overdue, {mailed} e-mails recorded as sent)."
    )
