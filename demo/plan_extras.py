"""The planner's other half: companies, generated officials, survey answers (NKI) and course
results. Plain Python, no database: the writer turns these plans into rows."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from accounts.models import Role
from cases.identifiers import luhn_check_digit
from public.models import FACTOR_FIELDS

from . import texts
from .world import BENCH_EMAIL_DOMAIN, Profile

if TYPE_CHECKING:
    from .planner import CaseStory, SurveyRules


# --- companies ----------------------------------------------------------------------------
@dataclass(frozen=True)
class CompanyPlan:
    org_number: str
    identifier_kind: str
    name: str
    street_address: str
    postal_code: str
    city: str
    industry: str
    contact_name: str
    contact_role: str
    contact_email: str
    contact_phone: str
    size_class: str = ""


# SCB's size classes, spread roughly as among a municipality's companies: mostly small.
_SIZES = ("1-9",) * 10 + ("10-49",) * 5 + ("50-249",) * 2 + ("250+",) + ("0",) * 2


def org_number(prefix: str, index: int) -> str:
    """``<prefix><20 + index // 100000><index % 100000>`` and the Luhn digit: digits 3–4 ≥ 20."""
    nine = f"{prefix}{20 + index // 100000:02d}{index % 100000:05d}"
    return f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


def _personnummer(index: int) -> str:
    """A sole trader's personnummer (YYMMDD-NNN + Luhn), born in the 1960s–90s."""
    nine = f"{60 + index % 40:02d}{1 + index % 12:02d}{1 + index % 28:02d}{100 + index % 900}"
    return f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


def plan_company(profile: Profile, index: int) -> CompanyPlan:
    stems = texts.COMPANY_STEMS
    stem, round_ = stems[index % len(stems)], index // len(stems)
    city, postal_code = texts.CITIES[(index + round_) % len(texts.CITIES)]
    base = stem if round_ == 0 else f"{stem} {city} {round_}"
    every = profile.sole_trader_every
    if every and index % every == every // 2:
        number, kind, name = _personnummer(index), "personnummer", f"{base} (enskild firma)"
    else:
        number, kind = org_number(profile.org_prefix, index), "organisationsnummer"
        name = f"{base} {'HB' if index % 11 == 3 else 'AB'}"
    first, last = texts.CONTACT_NAMES[index % len(texts.CONTACT_NAMES)]
    local = f"{first}.{last}.{index}".lower().translate(str.maketrans("öćåä", "ocaa"))
    return CompanyPlan(
        org_number=number,
        identifier_kind=kind,
        name=name,
        street_address=f"{texts.STREETS[index % len(texts.STREETS)]} {index % 60 + 1}",
        postal_code=postal_code,
        city=city,
        industry=next((v for k, v in texts.INDUSTRIES.items() if k in stem), "Handel och tjänster"),
        contact_name=f"{first} {last}",
        contact_role=texts.ROLES[index % len(texts.ROLES)],
        contact_email=f"{local}@foretag.example",
        contact_phone=f"070-{100 + index % 900} {10 + index % 90} {10 + (index // 90) % 90}",
        size_class="0" if kind == "personnummer" else _SIZES[index % len(_SIZES)],
    )


# --- generated officials (the bench; the demo has its named people) -----------------------
@dataclass(frozen=True)
class OfficialPlan:
    email: str
    full_name: str
    title: str
    department: str
    role: str


SAMORDNARE_IN = {"naringsliv": 2, "kontaktcenter": 1}
TITLES = {Role.AVDELNINGSCHEF: "Avdelningschef", Role.SAMORDNARE: "LOTS-samordnare",
          Role.LOTS: "Handläggare"}  # fmt: skip


def officials_per_department(cases: int) -> int:
    return 4 + min(10, cases // 2000)


def plan_officials(departments: list[str], per_department: int) -> list[OfficialPlan]:
    """Index 0 heads the department; näringsliv has two samordnare, kontaktcenter one."""
    people = []
    for d_index, code in enumerate(sorted(departments)):
        for index in range(per_department):
            n = d_index * 31 + index * 7
            role = (
                Role.AVDELNINGSCHEF
                if index == 0
                else Role.SAMORDNARE
                if index <= SAMORDNARE_IN.get(code, 0)
                else Role.LOTS
            )
            people.append(
                OfficialPlan(
                    email=f"bench.{code}.{index:02d}@{BENCH_EMAIL_DOMAIN}",
                    full_name=f"{texts.FIRST_NAMES[n % len(texts.FIRST_NAMES)]} "
                    f"{texts.LAST_NAMES[n % len(texts.LAST_NAMES)]}",
                    title=TITLES[role],
                    department=code,
                    role=role,
                )
            )
    return people


# --- the satisfaction survey ----------------------------------------------------------------
@dataclass(frozen=True)
class SurveyPlan:
    sent_at: datetime
    reminders: int
    answered_at: datetime | None = None
    scores: dict[str, int] = field(default_factory=dict)
    comment: str = ""


@cache
def department_mood(code: str) -> float:
    """Some departments do better than others, so the bands differ on the NKI page."""
    return 3.6 + random.Random(f"mood-{code}").uniform(0, 1.6)  # noqa: S311 - demo data


def plan_survey(
    rng, story: CaseStory, *, lead: str, now: datetime, rules: SurveyRules, answer_share: float
) -> SurveyPlan | None:
    """Every case finished ``delay`` before now is invited (so the sweep does not invite it
    again), with the reminders that went out; a share of the businesses answer."""
    finished = story.finished_at
    if finished is None:
        return None
    sent = finished + rules.delay + timedelta(minutes=rng.randint(0, 60))
    answers = rng.random() < answer_share
    answered = sent + timedelta(hours=rng.expovariate(1 / 60))
    if sent >= now:
        return None  # the periodic sweep has not invited it yet
    if answered >= now:
        answers = False
    until = answered if answers else now
    reminders = sum(1 for day in rules.reminder_days[:3] if sent + timedelta(days=day) <= until)
    if not answers:
        return SurveyPlan(sent, reminders)
    late = finished.date() > story.due_date
    mood = department_mood(lead) - (0.9 if late else 0.0)
    answered_first = story.first_response_at or finished
    mood += 0.3 if answered_first - story.created_at < timedelta(hours=4) else 0.0
    scale = rules.scale_max
    mood *= scale / 6

    def one(shift: float = 0.0) -> int:
        return max(1, min(scale, round(rng.gauss(mood + shift, 0.9))))

    scores = {name: one(rng.uniform(-0.4, 0.4)) for name in FACTOR_FIELDS}
    overall = one()
    scores.update(
        overall_satisfaction=overall,
        expectations_met=max(1, min(scale, overall + rng.choice((-1, 0, 0, 1)))),
        close_to_ideal=max(1, min(scale, overall + rng.choice((-1, -1, 0)))),
    )
    comment = rng.choice(texts.SURVEY_COMMENTS) if rng.random() < 0.3 else ""
    return SurveyPlan(sent, reminders, answered, scores, comment)


# --- this year's course -------------------------------------------------------------------
@dataclass(frozen=True)
class CourseInfo:
    year: int
    opens_on: date
    closes_on: date
    pass_mark_percent: int
    requirements: tuple[tuple[int, int], ...]  # (requirement id, required count)


@dataclass
class TrainingPlan:
    results: list[tuple[int, int, datetime | None]] = field(default_factory=list)
    activities: list[tuple[int, int, datetime, int]] = field(default_factory=list)
    diplomas: list[tuple[int, int, datetime]] = field(default_factory=list)


def plan_training(
    rng, officials: list[tuple[int, str]], course: CourseInfo, *, today: date, tz: ZoneInfo
) -> TrainingPlan:
    """Of the officials ((id, role), without a result yet): a quarter has not started, the
    others have a score; most who passed have their practical year approved (by the first
    samordnare) and most of those a diploma."""
    plan = TrainingPlan()
    reviewer = next((pk for pk, role in officials if role == Role.SAMORDNARE), None)
    start = max(course.opens_on, today - timedelta(days=300))
    end = max(start, min(course.closes_on, today - timedelta(days=1)))
    midnight = datetime.combine(today, time(0, 0), tzinfo=tz)

    def moment(low: date) -> datetime:
        day = low + timedelta(days=rng.randint(0, max(0, (end - low).days)))
        return datetime.combine(day, time(rng.randint(8, 16)), tzinfo=tz)

    for pk, _role in officials:
        roll, percent = rng.random(), max(20, min(100, round(rng.gauss(84, 11))))
        certified = rng.random() < 0.7
        if roll < 0.25:
            continue
        passed_at = moment(start) if percent >= course.pass_mark_percent else None
        plan.results.append((pk, percent, passed_at))
        if passed_at is None or not certified or reviewer is None:
            continue
        last = passed_at
        for requirement, count in course.requirements:
            for _n in range(count):
                at = moment(passed_at.date())
                last = max(last, at)
                plan.activities.append((pk, requirement, at, reviewer))
        if rng.random() < 0.85:
            issued = min(last + timedelta(hours=rng.randint(1, 48)), midnight - timedelta(hours=1))
            plan.diplomas.append((pk, percent, max(issued, last)))
    return plan
