"""A small data set for the SS 884000 self-check, every figure computed by hand.

The period is the year 2026 and "today" is Monday 23 November 2026. Holidays that matter:
Good Friday 3 April and Easter Monday 6 April 2026.

Cases opened in 2026 (coordinator named; working days after the opening day):
- C1 Mon 2 Mar, named Wed 4 Mar (2): within 2 working days.
- C2 Thu 2 Apr, named Tue 7 Apr (1: 3 and 6 April are holidays, 4–5 a weekend): within.
- C3 Mon 9 Mar, named Thu 12 Mar (3): too late.
- C4 Mon 16 Mar, no coordinator named: not within.
- C5 opened 15 Dec 2025 (before the period): not counted.
→ 2 of 4 = 50 %: red (amber from 75).

First answer (the promise: 2 working days, the default): C1 answered Wed 4 Mar (2), C2 Tue
7 Apr (1), C3 Wed 11 Mar (2): within; C4 never answered: not within → 3 of 4 = 75 %: amber.

Deadlines that slipped (due in 2026, passed while the case was open; cases opened in 2024 so
they touch no other figure; a notice counts from 5 days before the due date):
- S1 due Fri 6 Mar, closed 20 Mar, message to the business Wed 4 Mar: told.
- S2 due 10 Jun, still open, statutory period extended 12 Jun: told.
- S3 due 15 Sep, still open, message 1 Sep (14 days before: too early): not told.
- S5 due 20 Oct, closed 26 Oct, no message: not told.
- Not counted: S4 due 1 Oct, closed 30 Sep (on time); S6 due 30 Nov, open (not yet passed).
→ 2 of 4 = 50 %: red.

Referrals due in 2026 (and already due, or answered):
- R1 C1 due 10 Mar, answered 9 Mar: on time.   R2 C3 due 13 Mar, answered 16 Mar: late.
- R3 C4 due 20 Mar, still open: not on time.  R4 C2 due 14 Apr, answered 14 Apr: on time.
- R5 C2 due 15 Apr, answered 10 Apr: on time.
- Not counted: R6 C4 due 1 Dec 2026 (not yet due, open), R7 C1 declined.
→ 3 of 5 = 60 %: red.

Service guarantees: 9 kept and 1 breached outcome started in 2026, 1 kept in 2025 → 90 %: green.
NKI: 6 answers in 2026 (too few, 7 needed) → grey; one answer in 2025 does not count.

Officials: Bygg: Anna (lots, diploma 2026), Bo (lots, none); Miljö: Cecilia (samordnare,
diploma 2026; she looks at the page), David (lots, only a 2025 diploma); not counted: Erik
(inactive lots in Miljö, diploma 2026), Frida (department lead in Bygg). → 2 of 4 = 50 %: red.
Departments meeting businesses: Bygg and Miljö (lots), Teknik (leads a case type, no one):
1 without a lots → amber; Kultur (only a department lead, no case type) does not count.
Practical LOTS year 2026 (company visit × 2, council meeting × 1): Anna has all approved;
Cecilia one visit approved and one returned, the council meeting approved; Bo both visits
approved, the council meeting waiting for approval; David nothing in 2026 (his 2025 edition is
done); Erik (inactive) all approved, not counted → 1 of 4 = 25 %: red.

Leadership: goals for 2026 with NKI and guarantees but no visits target (2 of 3): amber; no
management review yet, the year runs: amber; visit goal 10, 4 held in 2026 (1 more planned,
1 held in 2025) → 40 %: red; ideas realised in 2026: 1 (1 more in 2025, 1 implementing) → amber.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from accounts.models import Role
from cases.models import CaseEvent, Company, EventKind, Referral
from cases.models.guarantees import GuaranteeOutcome, ServiceGuarantee
from cases.workflow import CaseStatus, ReferralStatus
from development.models import Idea, Visit, VisitGoal
from development.workflow import IdeaStatus, VisitStatus
from stats.models import YearGoal
from tests.factories import DepartmentFactory, MembershipFactory, UserFactory, official
from tests.public.factories import FinishedCaseFactory, PublicCaseTypeFactory, answer
from tests.training.factories import CourseFactory
from training.models import Diploma, PracticalActivity, PracticalRequirement
from training.workflow import ActivityStatus, DiplomaStatus

TODAY = date(2026, 11, 23)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@dataclass
class SelfCheckData:
    viewer: object
    bygg: object
    miljo: object
    cases: dict


def _case(n, case_type, opened, named=None, answered=None):
    return FinishedCaseFactory(
        sequence=n,
        case_type=case_type,
        created_at=at(opened),
        coordinator_named_at=at(named, 14) if named else None,
        first_response_at=at(answered, 15) if answered else None,
        status=CaseStatus.OPEN,
        closed_at=None,
        due_date=date(2026, 12, 31),
    )


def _referral(case, department, due, status=ReferralStatus.ANSWERED, answered=None):
    return Referral.objects.create(
        case=case,
        department=department,
        request_text="Kan ni svara?",
        due_date=due,
        status=status,
        answered_at=at(answered) if answered else None,
    )


def _cases(bygglov, miljo) -> dict:
    cases = {
        "C1": _case(1, bygglov, date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 4)),
        "C2": _case(2, bygglov, date(2026, 4, 2), date(2026, 4, 7), date(2026, 4, 7)),
        "C3": _case(3, bygglov, date(2026, 3, 9), date(2026, 3, 12), date(2026, 3, 11)),
        "C4": _case(4, bygglov, date(2026, 3, 16)),
        "C5": _case(5, bygglov, date(2025, 12, 15), date(2025, 12, 15)),
    }
    c1, c2, c3, c4 = (cases[k] for k in ("C1", "C2", "C3", "C4"))
    _referral(c1, miljo, date(2026, 3, 10), answered=date(2026, 3, 9))
    _referral(c3, miljo, date(2026, 3, 13), answered=date(2026, 3, 16))
    _referral(c4, miljo, date(2026, 3, 20), status=ReferralStatus.SENT)
    _referral(c2, miljo, date(2026, 4, 14), answered=date(2026, 4, 14))
    _referral(c2, miljo, date(2026, 4, 15), answered=date(2026, 4, 10))
    _referral(c4, miljo, date(2026, 12, 1), status=ReferralStatus.SENT)
    _referral(c1, miljo, date(2026, 3, 11), status=ReferralStatus.DECLINED)
    return cases


def _slipped(case_type) -> dict:
    """S1–S6 (see the top): due dates in 2026, opened in 2024."""
    rows = {
        # name: (due, closed, [(event kind, day)])
        "S1": (date(2026, 3, 6), date(2026, 3, 20), [(EventKind.MESSAGE_SENT, date(2026, 3, 4))]),
        "S2": (date(2026, 6, 10), None, [(EventKind.STATUTORY_EXTENDED, date(2026, 6, 12))]),
        "S3": (date(2026, 9, 15), None, [(EventKind.MESSAGE_SENT, date(2026, 9, 1))]),
        "S4": (date(2026, 10, 1), date(2026, 9, 30), []),
        "S5": (date(2026, 10, 20), date(2026, 10, 26), []),
        "S6": (date(2026, 11, 30), None, []),
    }
    cases = {}
    for n, (name, (due, closed, events)) in enumerate(rows.items()):
        case = FinishedCaseFactory(
            sequence=100 + n,
            case_type=case_type,
            created_at=at(date(2024, 6, 3)),
            status=CaseStatus.CLOSED if closed else CaseStatus.OPEN,
            closed_at=at(closed) if closed else None,
            due_date=due,
        )
        for kind, day in events:
            CaseEvent.objects.create(case=case, kind=kind, created_at=at(day), is_public=True)
        cases[name] = case
    return cases


def _practical(course, people) -> None:
    """The 2026 edition's requirements and the officials' activities (see the top)."""
    visit = PracticalRequirement.objects.create(
        course=course, kind="company_visit", required_count=2
    )
    council = PracticalRequirement.objects.create(course=course, kind="council_meeting")
    approved, returned, waiting = (
        ActivityStatus.APPROVED,
        ActivityStatus.RETURNED,
        ActivityStatus.SUBMITTED,
    )
    done = [(visit, approved), (visit, approved), (council, approved)]
    plan = {
        "anna": done,
        "cecilia": [(visit, approved), (visit, returned), (council, approved)],
        "bo": [(visit, approved), (visit, approved), (council, waiting)],
        "erik": done,
    }
    for name, activities in plan.items():
        for requirement, status in activities:
            PracticalActivity.objects.create(
                user=people[name],
                course=course,
                requirement=requirement,
                date=date(2026, 5, 4),
                place_or_department="Kafé AB",
                learned="Hur en ansökan tas emot",
                status=status,
            )


def _guarantees(case) -> None:
    guarantee = ServiceGuarantee.objects.create(
        promise="svara inom 2 arbetsdagar",
        starts="opened",
        met_by="first_response",
        amount=2,
        unit="working_days",
    )
    states = ["kept"] * 9 + ["breached"] + ["kept"]
    for i, state in enumerate(states):
        started = at(date(2026, 5, 4)) if i < 10 else at(date(2025, 5, 5))
        GuaranteeOutcome.objects.create(
            guarantee=guarantee,
            case=case,
            subject=f"test:{i}",
            state=state,
            started_at=started,
            deadline_at=started,
            recorded_at=started,
        )


def _answers(bygglov) -> None:
    for n in range(6):
        case = FinishedCaseFactory(case_type=bygglov, created_at=at(date(2024, 6, 3)))
        answer(case, answered_at=at(date(2026, 5, 4 + n)))
    case = FinishedCaseFactory(case_type=bygglov, created_at=at(date(2024, 6, 3)))
    answer(case, answered_at=at(date(2025, 12, 1)))


def _diploma(user, course, n) -> None:
    Diploma.objects.create(
        user=user,
        course=course,
        number=f"LOTS-{course.year}-{n:04d}",
        verification_code=f"ABCD-EFGH-{n:04d}",
        status=DiplomaStatus.ISSUED,
        issued_at=at(date(course.year, 6, 1)),
        valid_until=date(course.year, 12, 31),
    )


def _people(bygg, miljo) -> object:
    anna = official(bygg, Role.LOTS)
    bo = official(bygg, Role.LOTS)  # no diploma
    cecilia, david = official(miljo, Role.SAMORDNARE), official(miljo, Role.LOTS)
    erik = official(miljo, Role.LOTS, is_active=False)
    official(bygg, Role.AVDELNINGSCHEF)
    MembershipFactory(
        user=UserFactory(), department=DepartmentFactory(name="Kultur"), role=Role.AVDELNINGSCHEF
    )
    this_year, last_year = CourseFactory(year=2026), CourseFactory(year=2025)
    for n, user in enumerate([anna, cecilia, erik]):
        _diploma(user, this_year, n + 1)
    _diploma(david, last_year, 10)
    last_visit = PracticalRequirement.objects.create(course=last_year, kind="company_visit")
    PracticalActivity.objects.create(
        user=david,
        course=last_year,
        requirement=last_visit,
        date=date(2025, 5, 5),
        place_or_department="Kafé AB",
        learned="Företagets vardag",
        status=ActivityStatus.APPROVED,
    )
    _practical(this_year, {"anna": anna, "bo": bo, "cecilia": cecilia, "erik": erik})
    return cecilia


def _development(bygg, viewer) -> None:
    VisitGoal.objects.create(year=2026, visits=10)
    company, _ = Company.objects.get_or_create(
        org_number="556016-0680", defaults={"name": "Kafé AB"}
    )
    days = [(date(2026, m, 10), VisitStatus.HELD) for m in (2, 3, 5, 9)]
    days += [(date(2026, 12, 10), VisitStatus.PLANNED), (date(2025, 10, 1), VisitStatus.HELD)]
    for day, status in days:
        Visit.objects.create(
            company=company, department=bygg, status=status, date=day, created_by=viewer
        )
    ideas = [
        (IdeaStatus.REALISED, date(2026, 6, 1)),
        (IdeaStatus.REALISED, date(2025, 6, 1)),
        (IdeaStatus.IMPLEMENTING, None),
    ]
    for status, realised_on in ideas:
        Idea.objects.create(
            title="Samlad checklista",
            why="Företagen får olika besked",
            source="own",
            status=status,
            department=bygg,
            owner=viewer,
            created_by=viewer,
            realised_on=realised_on,
        )


def make_selfcheck_data() -> SelfCheckData:
    bygg = DepartmentFactory(name="Bygg")
    miljo = DepartmentFactory(name="Miljö")
    teknik = DepartmentFactory(name="Teknik")
    bygglov = PublicCaseTypeFactory(name="Bygglov", code="bygglov-sc", lead_department=bygg)
    PublicCaseTypeFactory(name="Markupplåtelse", code="mark-sc", lead_department=teknik)
    cases = _cases(bygglov, miljo)
    cases.update(_slipped(bygglov))
    _guarantees(cases["C1"])
    _answers(bygglov)
    viewer = _people(bygg, miljo)
    _development(bygg, viewer)
    YearGoal.objects.create(year=2026, nki_target=75, guarantee_target=90)
    return SelfCheckData(viewer=viewer, bygg=bygg, miljo=miljo, cases=cases)
