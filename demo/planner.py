"""What happens to each generated case, decided in plain Python before anything is written.

A story follows the rules of the services: a case opens as "new"; its first status change
sets ``first_response_at``; a wait for the business moves the deadline on by the working
days paused (``working_days_between(waiting_since, resumed)``); deciding sets ``decided_at``,
closing ``closed_at``; a referral is sent, maybe accepted, then answered, declined or
withdrawn; notes and messages fall between the first answer and the end. Nothing here
touches the database, so the same seed, profile and reference data give the same stories,
and the demo and the bench get theirs from this one planner.

Stories come out in opening order (``Planner.stories``), one at a time, so a writer can take
them in batches and memory stays flat whatever the number of cases.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cases.models import DeadlineUnit, EventKind
from cases.workflow import CaseStatus, ReferralStatus

from . import texts
from .plan_extras import SurveyPlan, plan_survey
from .workdays import WorkingDays
from .world import DOOR_WEIGHTS, TYPE_WEIGHTS, Profile

# Which department takes a matter in at each door (the public form goes to the lead department).
OPENERS = {
    "reception": ["kontaktcenter"],
    "phone": ["kontaktcenter", "kontaktcenter", "naringsliv", "samhallsbyggnad", "miljo"],
    "email": ["kontaktcenter", "naringsliv", "samhallsbyggnad", "miljo", "tillstand"],
    "visit": ["kontaktcenter", "naringsliv"],
    "company_visit": ["naringsliv"],
    "other": ["naringsliv", "samhallsbyggnad", "miljo", "tillstand", "teknik"],
}
# Median share of the deadline a lead department needs (lower is faster).
SPEED = {"samhallsbyggnad": 0.72, "miljo": 0.5, "tillstand": 0.7, "teknik": 0.55,
         "raddning": 0.45, "naringsliv": 0.6}  # fmt: skip
# Median working days a department needs to answer a referral.
REFERRAL_SPEED = {"samhallsbyggnad": 3.5, "miljo": 2.5, "tillstand": 3.0, "teknik": 2.0,
                  "raddning": 2.5, "naringsliv": 1.5, "kommunledning": 4.0}  # fmt: skip
WAIT_SHARE = {"bygglov": 0.4, "servering": 0.35, "startbesked": 0.3, "brandfarlig": 0.3}
DECIDED_SHARE = {"bygglov": 0.7, "startbesked": 0.6, "livsmedel": 0.5, "servering": 0.75,
                 "markupplatelse": 0.6, "brandfarlig": 0.7, "miljofarlig": 0.5,
                 "etablering": 0.1}  # fmt: skip
SEASON = {1: 0.9, 2: 1.0, 3: 1.15, 4: 1.2, 5: 1.2, 6: 1.0,
          7: 0.45, 8: 0.85, 9: 1.1, 10: 1.1, 11: 1.0, 12: 0.75}  # fmt: skip
REFERRAL_COUNTS = ([0, 1, 2, 3], [35, 35, 20, 10])
CONFIDENTIAL_SHARE = 0.03
FORGOTTEN_SHARE = 0.04
NOTE_SHARE = 0.4
MESSAGE_SHARE = 0.5
REPLY_SHARE = 0.3


@dataclass(frozen=True)
class TypeInfo:
    code: str
    lead: str
    deadline_amount: int
    deadline_unit: str


@dataclass
class ReferralPlan:
    department: str
    requested_by: int
    sent_at: datetime
    due_date: date
    status: str
    answerer: int
    assignee: int | None = None
    accepted_at: datetime | None = None
    answered_at: datetime | None = None
    closed_at: datetime | None = None

    @property
    def request_text(self) -> str:
        return texts.REQUESTS[self.department]

    @property
    def answer_text(self) -> str:
        return texts.ANSWERS[self.department] if self.answered_at else ""

    @property
    def decline_reason(self) -> str:
        return texts.DECLINE_REASON if self.status == ReferralStatus.DECLINED else ""


@dataclass(frozen=True)
class NotePlan:
    author: int
    at: datetime
    body: str


@dataclass(frozen=True)
class MessagePlan:
    to_business: bool
    author: int | None
    at: datetime
    body: str


@dataclass
class CaseStory:
    created_at: datetime
    door: str
    case_type: str
    opened_in: str
    opened_by: int | None
    coordinator: int | None
    actor: int
    priority: str
    confidential: bool
    title: str
    description: str
    company: int  # index into the planned companies
    status: str
    due_date: date
    first_response_at: datetime | None = None
    decided_at: datetime | None = None
    closed_at: datetime | None = None
    waiting_since: date | None = None
    paused_working_days: int = 0
    # (time, kind, actor id, hints): a status move's builder arguments, or the index of the
    # referral, note or message the event is about ("referral", "note", "message").
    events: list[tuple] = field(default_factory=list)
    referrals: list[ReferralPlan] = field(default_factory=list)
    notes: list[NotePlan] = field(default_factory=list)
    messages: list[MessagePlan] = field(default_factory=list)
    survey: SurveyPlan | None = None

    @property
    def finished_at(self) -> datetime | None:
        if self.status == CaseStatus.CLOSED:
            return self.closed_at
        if self.status == CaseStatus.DECIDED:
            return self.decided_at
        return None

    @property
    def public_form(self) -> bool:
        return self.door == "public_form"


@dataclass(frozen=True)
class Staff:
    """Who works where, by department code: user ids (openers: not the department heads)."""

    members: dict[str, list[int]]
    openers: dict[str, list[int]]


@dataclass(frozen=True)
class SurveyRules:
    delay: timedelta
    reminder_days: tuple[int, ...]
    scale_max: int


class Planner:
    """Plans cases against a fixed moment ``now`` (midnight at the start of ``today``)."""

    def __init__(
        self,
        rng,
        *,
        profile: Profile,
        today: date,
        types: dict[str, TypeInfo],
        staff: Staff,
        companies: int,
        survey: SurveyRules,
        tz: ZoneInfo,
    ):
        self.rng, self.profile, self.today, self.tz = rng, profile, today, tz
        self.now = datetime.combine(today, time(0, 0), tzinfo=tz)
        self.types, self.staff, self.company_count, self.survey = types, staff, companies, survey
        self.members, self.openers = staff.members, staff.openers
        self.cal = WorkingDays(
            today - timedelta(days=profile.span_days + 30), today + timedelta(days=800)
        )
        self.type_codes = [code for code in TYPE_WEIGHTS if code in types]
        self.type_weights = [TYPE_WEIGHTS[code] for code in self.type_codes]
        self.referral_codes = [code for code in REFERRAL_SPEED if code in staff.members]

    # --- when ---------------------------------------------------------------------------
    def opening_days(self, cases: int) -> list[tuple[date, int]]:
        """How many cases open on each day of the span (oldest first), ``cases`` in all:
        office days far more than weekends, a seasonal dip in July and at Christmas, busier
        towards today by the profile's trend."""
        span, rng = self.profile.span_days, self.rng
        days = [self.today - timedelta(days=span - offset) for offset in range(span)]
        weights = []
        for position, day in enumerate(days):
            weight = (1 + self.profile.trend * position / span) * SEASON[day.month]
            weight *= rng.uniform(0.7, 1.3) * (1 if self.cal.is_working_day(day) else 0.08)
            weights.append(weight)
        total, running, given, result = sum(weights), 0.0, 0, []
        for day, weight in zip(days, weights, strict=True):
            running += weight * cases / total
            count = round(running) - given
            given += count
            result.append((day, count))
        return result

    def at(self, day: date, first_hour: int = 8, last_hour: int = 16) -> datetime:
        hour = self.rng.randint(first_hour, last_hour)
        return datetime.combine(day, time(hour, self.rng.randint(0, 59)), tzinfo=self.tz)

    def after(self, moment: datetime, low_minutes: int, high_minutes: int) -> datetime:
        return moment + timedelta(minutes=self.rng.randint(low_minutes, high_minutes))

    # --- the stories ----------------------------------------------------------------------
    def stories(self, cases: int) -> Iterator[CaseStory]:
        """``cases`` stories in opening order."""
        for day, count in self.opening_days(cases):
            yield from sorted(
                (self.case(day) for _n in range(count)), key=lambda story: story.created_at
            )

    def case(self, day: date) -> CaseStory:
        rng = self.rng
        door = rng.choices(list(DOOR_WEIGHTS), weights=list(DOOR_WEIGHTS.values()))[0]
        if not self.cal.is_working_day(day) and rng.random() < 0.8:
            door = "public_form"  # the e-service is open at weekends
        info = self.types[rng.choices(self.type_codes, weights=self.type_weights)[0]]
        public = door == "public_form"
        created = self.at(day, 6, 22) if public else self.at(day)
        lead_members = self.members[info.lead]
        if public:
            opened_in, opened_by = info.lead, None
            coordinator = rng.choice(lead_members) if rng.random() < 0.6 else None
            actor = coordinator or rng.choice(lead_members)
        else:
            opened_in = rng.choice([c for c in OPENERS[door] if c in self.openers] or [info.lead])
            opened_by = coordinator = actor = rng.choice(self.openers[opened_in])
        story = CaseStory(
            created_at=created,
            door=door,
            case_type=info.code,
            opened_in=opened_in,
            opened_by=opened_by,
            coordinator=coordinator,
            actor=actor,
            priority=rng.choices(["low", "normal", "high"], weights=[2, 8, 1])[0],
            confidential=rng.random() < CONFIDENTIAL_SHARE,
            title=rng.choice(texts.TITLES.get(info.code, ["Företagsärende"])),
            description=rng.choice(texts.DESCRIPTIONS),
            company=int(self.company_count * rng.random() ** 1.6),
            status=CaseStatus.NEW,
            due_date=self._due_base(info, day),
        )
        story.events.append((created, EventKind.OPENED, opened_by, {}))
        self._live(story, info, day)
        story.survey = plan_survey(
            rng,
            story,
            lead=info.lead,
            now=self.now,
            rules=self.survey,
            answer_share=self.profile.answer_share,
        )
        return story

    def _due_base(self, info: TypeInfo, day: date) -> date:
        if info.deadline_unit == DeadlineUnit.WORKING_DAYS:
            return self.cal.add(day, info.deadline_amount)
        return day + timedelta(days=info.deadline_amount)

    def _first_response(self, created: datetime, deadline: int) -> datetime:
        """Mostly the same day; a matter with a short deadline is seldom left for long."""
        rng, day = self.rng, created.date()
        office = self.cal.is_working_day(day) and 8 <= created.hour < 16
        roll = rng.random()
        if roll < 0.6 and office:
            return self.after(created, 15, 240)
        if roll < 0.92 or deadline < 5:
            return self.at(self.cal.add(day, rng.randint(1, 3 if deadline >= 5 else 1)))
        return self.at(self.cal.add(day, rng.randint(4, 8)))

    def _live(self, story: CaseStory, info: TypeInfo, day: date) -> None:
        rng, cal, now = self.rng, self.cal, self.now
        due_base = story.due_date
        deadline = max(1, cal.between(day, due_base))
        response = self._first_response(story.created_at, deadline)
        factor = rng.lognormvariate(math.log(SPEED.get(info.lead, 0.6)), 0.5)
        if rng.random() < FORGOTTEN_SHARE:
            factor *= 5
        work = round(deadline * factor)
        direct = work == 0 and rng.random() < 0.7  # settled on first contact: new → finished
        waited = work >= 1 and rng.random() < WAIT_SHARE.get(info.code, 0.2)
        decided = rng.random() < DECIDED_SHARE.get(info.code, 0.4)
        final = CaseStatus.DECIDED if decided else CaseStatus.CLOSED
        closed_later = final == CaseStatus.DECIDED and rng.random() < 0.25
        wait_start = wait_at = resume_at = None
        paused = 0
        if waited:
            wait_start = max(cal.add(day, rng.randint(1, work)), response.date())
            wait_at = self.at(wait_start)
            if wait_start == response.date():
                wait_at = self.after(response, 30, 180)
            resumed = cal.add(wait_start, rng.randint(2, 30))
            resume_at = self.at(resumed)
            paused = cal.between(wait_start, resumed)
        finish_at = response if direct else self.at(cal.add(day, work + paused))
        floor = max(response, resume_at or response)
        if not direct and finish_at <= floor:
            finish_at = self.after(floor, 20, 180)
        drafts = [] if direct else self._draft_referrals(story, response, finish_at, deadline)
        for draft in drafts:
            if draft["awaited"]:  # the case waits for the department's answer
                finish_at = max(finish_at, draft["outcome_at"] + timedelta(hours=draft["slack"]))
        later = rng.randint(1, 10)
        if response >= now:
            return  # still new: nobody has answered yet
        story.first_response_at = response
        actor, finished = story.actor, finish_at < now
        closed_at = self.at(cal.add(finish_at.date(), later)) if closed_later else None
        if direct and finished:
            self._finish(story, final, finish_at, closed_at, "new")
            return
        story.status = CaseStatus.OPEN
        story.events.append((response, EventKind.STATUS_CHANGED, actor, _move("new", "open")))
        end = finish_at if finished else now
        for draft in drafts:
            if draft["sent"] < end:
                self._add_referral(story, draft, end, finished=finished)
        self._conversation(story, response, end)
        if waited and wait_at is not None and resume_at is not None and wait_at < now:
            story.events.append(
                (wait_at, EventKind.STATUS_CHANGED, actor, _move("open", "waiting"))
            )
            if resume_at >= now:
                story.status, story.waiting_since = CaseStatus.WAITING, wait_start
                return
            move = _move("waiting", "open", paused_working_days=paused)
            story.events.append((resume_at, EventKind.STATUS_CHANGED, actor, move))
            story.paused_working_days = paused
            story.due_date = cal.add(due_base, paused)
        if finished:
            self._finish(story, final, finish_at, closed_at, "open")

    def _finish(self, story, final, finish_at, closed_at, previous) -> None:
        actor = story.actor
        story.status = final
        move = _move(previous, final, comment=texts.CLOSING_COMMENT)
        story.events.append((finish_at, EventKind.STATUS_CHANGED, actor, move))
        if final == CaseStatus.CLOSED:
            story.closed_at = finish_at
            return
        story.decided_at = finish_at
        if closed_at is not None and closed_at < self.now:
            story.status, story.closed_at = CaseStatus.CLOSED, closed_at
            move = _move("decided", "closed")
            story.events.append((closed_at, EventKind.STATUS_CHANGED, actor, move))

    def _conversation(self, story: CaseStory, start: datetime, end: datetime) -> None:
        """An internal note, a message to the business and now and then its reply."""
        rng = self.rng
        if end <= start + timedelta(minutes=10):
            return
        if rng.random() < NOTE_SHARE:
            at = start + (end - start) * rng.uniform(0.1, 0.9)
            story.notes.append(NotePlan(story.actor, at, rng.choice(texts.NOTES)))
            events = (at, EventKind.NOTE_ADDED, story.actor, {"note": len(story.notes) - 1})
            story.events.append(events)
        if rng.random() < MESSAGE_SHARE:
            at = start + (end - start) * rng.uniform(0.05, 0.5)
            story.messages.append(MessagePlan(True, story.actor, at, rng.choice(texts.MESSAGES)))
            hint = {"message": len(story.messages) - 1}
            story.events.append((at, EventKind.MESSAGE_SENT, story.actor, hint))
            if rng.random() < REPLY_SHARE:
                reply = at + (end - at) * rng.uniform(0.1, 0.9)
                story.messages.append(MessagePlan(False, None, reply, rng.choice(texts.REPLIES)))
                hint = {"message": len(story.messages) - 1}
                story.events.append((reply, EventKind.MESSAGE_RECEIVED, None, hint))

    # --- referrals ----------------------------------------------------------------------
    def _draft_referrals(self, story, start: datetime, until: datetime, deadline: int) -> list:
        """0–3 departments asked, sent in the first part of the case's life. With a deadline
        of a couple of weeks or more the case usually waits for the answers; a quick matter
        (e.g. two working days) is more often closed with the referral still out."""
        awaited_share = 0.9 if deadline >= 10 else 0.3
        rng, cal = self.rng, self.cal
        wanted = rng.choices(*REFERRAL_COUNTS)[0]
        lead = self.types[story.case_type].lead
        targets = []
        if lead != story.opened_in and lead in self.referral_codes and rng.random() < 0.8:
            targets.append(lead)
        others = [c for c in self.referral_codes if c not in (story.opened_in, lead)]
        targets += rng.sample(others, k=max(0, min(wanted - len(targets), len(others))))
        drafts = []
        for index, code in enumerate(targets[:wanted]):
            sent = start + (until - start) * rng.uniform(0.0, 0.4) + timedelta(minutes=5 + index)
            needs = round(rng.lognormvariate(math.log(REFERRAL_SPEED[code]), 0.8))
            outcome_at = self.at(cal.add(sent.date(), needs))
            if outcome_at <= sent + timedelta(minutes=30):
                outcome_at = self.after(sent, 30, 300)
            roll = rng.random()
            accepted = rng.random() < 0.7
            if roll < 0.07:
                outcome = ReferralStatus.DECLINED
            elif roll < 0.11:
                outcome = ReferralStatus.WITHDRAWN
            else:
                outcome = ReferralStatus.ANSWERED
            drafts.append(
                {
                    "code": code,
                    "sent": sent,
                    "due": cal.add(sent.date(), 5 if rng.random() < 0.8 else 10),
                    "outcome_at": outcome_at,
                    "outcome": outcome,
                    "accepted_at": sent + (outcome_at - sent) * rng.uniform(0.05, 0.5)
                    if accepted
                    else None,
                    "answerer": rng.choice(self.members[code]),
                    "awaited": rng.random() < awaited_share,
                    "slack": rng.randint(1, 30),
                }
            )
        return drafts

    def _add_referral(self, story: CaseStory, draft: dict, end: datetime, *, finished) -> None:
        sent, answerer = draft["sent"], draft["answerer"]
        referral = ReferralPlan(
            draft["code"], story.actor, sent, draft["due"], ReferralStatus.SENT, answerer
        )
        accepted, outcome_at = draft["accepted_at"], draft["outcome_at"]
        if accepted is not None and accepted < end:
            referral.status = ReferralStatus.ACCEPTED
            referral.accepted_at, referral.assignee = accepted, answerer
        if outcome_at >= end and finished:
            # Still open when the case was finished: the coordinator withdrew it.
            referral.status = ReferralStatus.WITHDRAWN
            last = referral.accepted_at or sent
            referral.closed_at = last + (end - last) / 2
        elif outcome_at < end:
            referral.status, referral.closed_at = draft["outcome"], outcome_at
            if draft["outcome"] == ReferralStatus.ANSWERED:
                referral.answered_at, referral.assignee = outcome_at, answerer
        story.referrals.append(referral)
        self._referral_events(story, referral, len(story.referrals) - 1)

    def _referral_events(self, story: CaseStory, referral: ReferralPlan, index: int) -> None:
        about = {"referral": index}
        story.events.append((referral.sent_at, EventKind.ROUTED, referral.requested_by, about))
        if referral.accepted_at:
            story.events.append(
                (referral.accepted_at, EventKind.REFERRAL_ACCEPTED, referral.answerer, about)
            )
        kinds: dict[str, tuple[str, int]] = {
            ReferralStatus.ANSWERED: (EventKind.REFERRAL_ANSWERED, referral.answerer),
            ReferralStatus.DECLINED: (EventKind.REFERRAL_DECLINED, referral.answerer),
            ReferralStatus.WITHDRAWN: (EventKind.REFERRAL_WITHDRAWN, referral.requested_by),
        }
        if referral.status in kinds:
            kind, actor = kinds[referral.status]
            story.events.append((referral.closed_at, kind, actor, about))


def _move(previous: str, to: str, **extra) -> dict:
    """The arguments of ``cases.events.status_changed`` for this move."""
    return {"from_status": str(previous), "to_status": str(to), **extra}
