"""What happens to one generated case, decided in plain Python before anything is written.

A story follows the rules of the services: a case opens as "new"; its first status change
sets ``first_response_at``; a wait for the business moves the deadline on by the working
days paused (``working_days_between(waiting_since, resumed)``); deciding sets ``decided_at``,
closing ``closed_at``. Nothing here touches the database, so the same seed and the same
reference data give the same stories.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cases.demo_data import DESCRIPTIONS, TITLES
from cases.models import DeadlineUnit, EventKind
from cases.workflow import CaseStatus, ReferralStatus

from .workdays import WorkingDays

DOOR_WEIGHTS = {
    "reception": 4,
    "phone": 6,
    "email": 5,
    "visit": 2,
    "company_visit": 2,
    "public_form": 4,
    "other": 1,
}
TYPE_WEIGHTS = {
    "etablering": 20,
    "livsmedel": 18,
    "bygglov": 16,
    "markupplatelse": 12,
    "startbesked": 10,
    "servering": 8,
    "miljofarlig": 8,
    "brandfarlig": 5,
}
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
SPEED = {
    "samhallsbyggnad": 0.72,
    "miljo": 0.5,
    "tillstand": 0.7,
    "teknik": 0.55,
    "raddning": 0.45,
    "naringsliv": 0.6,
}
# Median working days a department needs to answer a referral.
REFERRAL_SPEED = {
    "samhallsbyggnad": 3.5,
    "miljo": 2.5,
    "tillstand": 3.0,
    "teknik": 2.0,
    "raddning": 2.5,
    "naringsliv": 1.5,
    "kommunledning": 4.0,
}
WAIT_SHARE = {"bygglov": 0.4, "servering": 0.35, "startbesked": 0.3, "brandfarlig": 0.3}
DECIDED_SHARE = {
    "bygglov": 0.7,
    "startbesked": 0.6,
    "livsmedel": 0.5,
    "servering": 0.75,
    "markupplatelse": 0.6,
    "brandfarlig": 0.7,
    "miljofarlig": 0.5,
    "etablering": 0.1,
}
SEASON = {1: 0.9, 2: 1.0, 3: 1.15, 4: 1.2, 5: 1.2, 6: 1.0,
          7: 0.45, 8: 0.85, 9: 1.1, 10: 1.1, 11: 1.0, 12: 0.75}  # fmt: skip
REFERRAL_COUNTS = ([0, 1, 2, 3], [35, 35, 20, 10])
SPAN_DAYS = 730
CONFIDENTIAL_SHARE = 0.03
FORGOTTEN_SHARE = 0.04


@dataclass(frozen=True)
class TypeInfo:
    code: str
    lead: str
    deadline_amount: int
    deadline_unit: str


@dataclass
class ReferralStory:
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
    company: int
    status: str
    due_date: date
    first_response_at: datetime | None = None
    decided_at: datetime | None = None
    closed_at: datetime | None = None
    waiting_since: date | None = None
    paused_working_days: int = 0
    # (time, kind, actor id, builder hints): a status move's builder arguments, a referral
    # event's "referral_index"; bench/datagen.py builds each with cases/events.py.
    events: list[tuple] = field(default_factory=list)
    referrals: list[ReferralStory] = field(default_factory=list)

    @property
    def finished_at(self) -> datetime | None:
        if self.status == CaseStatus.CLOSED:
            return self.closed_at
        if self.status == CaseStatus.DECIDED:
            return self.decided_at
        return None


class Storyteller:
    """Plans cases against a fixed moment ``now`` (midnight at the start of ``today``)."""

    def __init__(self, rng, *, today, types, members, openers, companies, tz: ZoneInfo):
        self.rng, self.today, self.tz = rng, today, tz
        self.now = datetime.combine(today, time(0, 0), tzinfo=tz)
        self.types = types  # code -> TypeInfo
        self.members = members  # department code -> [user id]
        self.openers = openers  # department code -> [user id] (lots and samordnare)
        self.company_count = companies
        self.cal = WorkingDays(today - timedelta(days=SPAN_DAYS + 30), today + timedelta(days=800))
        self.type_codes = [code for code in TYPE_WEIGHTS if code in types]
        self.referral_codes = [code for code in REFERRAL_SPEED if code in members]

    # --- time helpers -------------------------------------------------------------------
    def at(self, day: date, first_hour: int = 8, last_hour: int = 16) -> datetime:
        hour = self.rng.randint(first_hour, last_hour)
        return datetime.combine(day, time(hour, self.rng.randint(0, 59)), tzinfo=self.tz)

    def after(self, moment: datetime, low_minutes: int, high_minutes: int) -> datetime:
        return moment + timedelta(minutes=self.rng.randint(low_minutes, high_minutes))

    def _opening_day(self, public: bool) -> date:
        rng = self.rng
        while True:
            offset = rng.randrange(SPAN_DAYS)
            day = self.today - timedelta(days=offset + 1)
            weight = (0.75 + 0.25 * (1 - offset / SPAN_DAYS)) * SEASON[day.month] / 1.2
            if not self.cal.is_working_day(day):
                weight *= 0.5 if public else 0.02
            if rng.random() < weight:
                return day

    # --- one case -----------------------------------------------------------------------
    def case(self) -> CaseStory:
        rng = self.rng
        door = rng.choices(list(DOOR_WEIGHTS), weights=list(DOOR_WEIGHTS.values()))[0]
        info = self.types[
            rng.choices(self.type_codes, weights=[TYPE_WEIGHTS[c] for c in self.type_codes])[0]
        ]
        public = door == "public_form"
        day = self._opening_day(public)
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
            title=rng.choice(TITLES.get(info.code, ["Företagsärende"])),
            description=rng.choice(DESCRIPTIONS),
            company=int(self.company_count * rng.random() ** 1.6),
            status=CaseStatus.NEW,
            due_date=self._due_base(info, day),
        )
        story.events.append((created, EventKind.OPENED, opened_by, {}))
        self._live(story, info, day)
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
        if waited and wait_at < now:
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
        story.events.append((finish_at, EventKind.STATUS_CHANGED, actor, _move(previous, final)))
        if final == CaseStatus.CLOSED:
            story.closed_at = finish_at
            return
        story.decided_at = finish_at
        if closed_at is not None and closed_at < self.now:
            story.status, story.closed_at = CaseStatus.CLOSED, closed_at
            move = _move("decided", "closed")
            story.events.append((closed_at, EventKind.STATUS_CHANGED, actor, move))

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
            drafts.append(
                {
                    "code": code,
                    "sent": sent,
                    "due": cal.add(sent.date(), 5 if rng.random() < 0.8 else 10),
                    "outcome_at": outcome_at,
                    "outcome": ReferralStatus.DECLINED
                    if roll < 0.07
                    else ReferralStatus.WITHDRAWN
                    if roll < 0.11
                    else ReferralStatus.ANSWERED,
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
        referral = ReferralStory(
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

    def _referral_events(self, story: CaseStory, referral: ReferralStory, index: int) -> None:
        base = {"referral_index": index}
        story.events.append((referral.sent_at, EventKind.ROUTED, referral.requested_by, base))
        if referral.accepted_at:
            story.events.append(
                (referral.accepted_at, EventKind.REFERRAL_ACCEPTED, referral.answerer, base)
            )
        kinds = {
            ReferralStatus.ANSWERED: (EventKind.REFERRAL_ANSWERED, referral.answerer),
            ReferralStatus.DECLINED: (EventKind.REFERRAL_DECLINED, referral.answerer),
            ReferralStatus.WITHDRAWN: (EventKind.REFERRAL_WITHDRAWN, referral.requested_by),
        }
        if referral.status in kinds:
            kind, actor = kinds[referral.status]
            story.events.append((referral.closed_at, kind, actor, base))


def _move(previous: str, to: str, **extra) -> dict:
    """The arguments of ``cases.events.status_changed`` for this move."""
    return {"from_status": str(previous), "to_status": str(to), **extra}
