"""What the generator adds around the cases: the public form's details, the satisfaction
survey (invitations for every case finished a day ago, answers for about 40 %), and this
year's training results and diplomas for the generated officials.
"""

from __future__ import annotations

import datetime
import random
from datetime import timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from accounts.models import Role, User
from public.models import FACTOR_FIELDS, IntakeDetails, SurveyInvitation, SurveyResponse
from public.tokens import hash_token, survey_token
from training.models import ActivityStatus, CourseResult, Diploma, PracticalActivity
from training.services.bank_file import current_edition
from training.services.diplomas import ALPHABET

from .people import BATCH, put_back_times

DECLINE_TEXT = "Frågan hör till en annan avdelning."
SCALE_MAX = 6
# Share of the invited businesses that answer (invitations go to every finished case).
ANSWER_SHARE = 0.42
COMMENTS = [
    "Snabbt och trevligt bemötande, tack!",
    "Bra att jag bara behövde prata med en person.",
    "Det tog längre tid än utlovat och ingen hörde av sig.",
    "Handläggaren förklarade reglerna tydligt.",
    "Svårt att förstå vilka handlingar som behövdes.",
]


def write_public(stories, rows, *, seed: int, now: datetime.datetime) -> dict:
    rng = random.Random(f"{seed}-public")
    intake = [
        IntakeDetails(case=case, consent_given_at=story.created_at)
        for story, case in zip(stories, rows, strict=True)
        if story.door == "public_form"
    ]
    IntakeDetails.objects.bulk_create(intake, batch_size=BATCH)
    invitations, sent_times, responses = [], [], []
    reminder_days = list(settings.SURVEY_REMINDER_DAYS)[:3]
    delay = timedelta(hours=settings.SURVEY_DELAY_HOURS)
    for story, case in zip(stories, rows, strict=True):
        finished = story.finished_at
        if finished is None:
            continue
        sent = finished + delay + timedelta(minutes=rng.randint(0, 60))
        answers = rng.random() < ANSWER_SHARE
        answered = sent + timedelta(hours=rng.expovariate(1 / 60))
        if sent >= now:
            continue  # the periodic sweep has not invited it yet
        if answered >= now:
            answers = False
        until = answered if answers else now
        reminders = sum(1 for day in reminder_days if sent + timedelta(days=day) <= until)
        invitations.append(
            SurveyInvitation(
                case=case,
                token_hash=hash_token(survey_token(case.pk)),
                first_sent_at=sent,
                reminders_sent=reminders,
            )
        )
        sent_times.append(sent)
        if answers:
            late = story.finished_at.date() > story.due_date
            responses.append(_response(rng, case, story, answered, late))
    SurveyInvitation.objects.bulk_create(invitations, batch_size=BATCH)
    put_back_times(invitations, "created_at", sent_times)
    SurveyResponse.objects.bulk_create(responses, batch_size=BATCH)
    return {
        "intake_details": len(intake),
        "survey_invitations": len(invitations),
        "survey_responses": len(responses),
    }


def _response(rng, case, story, answered, late: bool) -> SurveyResponse:
    # Departments differ (stable per department), and a late answer pulls the mood down.
    mood = 3.6 + random.Random(f"mood-{case.lead_department_id}").uniform(0, 1.6)
    mood -= 0.9 if late else 0.0
    mood += 0.3 if story.first_response_at - story.created_at < timedelta(hours=4) else 0.0

    def one(shift: float = 0.0) -> int:
        return max(1, min(SCALE_MAX, round(rng.gauss(mood + shift, 0.9))))

    scores = {name: one(rng.uniform(-0.4, 0.4)) for name in FACTOR_FIELDS}
    overall = one()
    scores.update(
        overall_satisfaction=overall,
        expectations_met=max(1, min(SCALE_MAX, overall + rng.choice((-1, 0, 0, 1)))),
        close_to_ideal=max(1, min(SCALE_MAX, overall + rng.choice((-1, -1, 0)))),
    )
    return SurveyResponse(
        case=case,
        scale_max=SCALE_MAX,
        comment=rng.choice(COMMENTS) if rng.random() < 0.25 else "",
        answered_at=answered,
        **scores,
    )


def write_training(officials: dict, *, today: datetime.date, seed: int) -> dict:
    """This year's edition (created with its defaults when missing). Of the generated officials
    without a result: a quarter has not started, the others have a score (pass mark 80 %);
    most who passed have their practical year approved, and most of those a diploma."""
    rng = random.Random(f"{seed}-training")
    course = current_edition(today=today)
    requirements = list(course.requirements.all())
    people = sorted((pk, role, code) for code, rows in officials.items() for pk, role in rows)
    done = set(CourseResult.objects.filter(course=course).values_list("user_id", flat=True))
    reviewer = next((pk for pk, role, _code in people if role == Role.SAMORDNARE), None)
    start = max(course.opens_on, today - timedelta(days=300))
    end = max(start, min(course.closes_on, today - timedelta(days=1)))
    tz = timezone.get_current_timezone()
    midnight = datetime.datetime.combine(today, datetime.time(0, 0), tzinfo=tz)

    def moment(low: datetime.date) -> datetime.datetime:
        day = low + timedelta(days=rng.randint(0, max(0, (end - low).days)))
        return datetime.datetime.combine(day, datetime.time(rng.randint(8, 16)), tzinfo=tz)

    results, activities, earned = [], [], []
    for pk, _role, _code in people:
        roll, percent = rng.random(), max(20, min(100, round(rng.gauss(84, 11))))
        certified = rng.random() < 0.7
        if pk in done or roll < 0.25:
            continue
        passed_at = moment(start) if percent >= course.pass_mark_percent else None
        results.append(
            CourseResult(user_id=pk, course=course, percent=percent, passed_at=passed_at)
        )
        if passed_at is None or not certified or reviewer is None:
            continue
        last = passed_at
        for requirement in requirements:
            for _n in range(requirement.required_count):
                at = moment(passed_at.date())
                last = max(last, at)
                activities.append(
                    PracticalActivity(
                        user_id=pk,
                        course=course,
                        requirement=requirement,
                        date=at.date(),
                        place_or_department="Exempelby kommun",
                        learned="Hur företagaren upplever kommunens handläggning.",
                        status=ActivityStatus.APPROVED,
                        reviewer_id=reviewer,
                        reviewed_at=at,
                        created_at=at,
                    )
                )
        if rng.random() < 0.85:
            issued = min(last + timedelta(hours=rng.randint(1, 48)), midnight - timedelta(hours=1))
            earned.append((pk, percent, max(issued, last)))
    CourseResult.objects.bulk_create(results, batch_size=BATCH)
    PracticalActivity.objects.bulk_create(activities, batch_size=BATCH)
    diplomas = _diplomas(rng, course, earned)
    return {
        "course_results": len(results),
        "practical_activities": len(activities),
        "diplomas": len(diplomas),
    }


def _diplomas(rng, course, earned) -> list[Diploma]:
    """Numbered after the edition's last diploma, with unique verification codes; no PDF."""
    prefix = f"LOTS-{course.year}-"
    last = Diploma.objects.filter(number__startswith=prefix).aggregate(top=Max("number"))["top"]
    running = int(last.removeprefix(prefix)) if last else 0
    taken = set(Diploma.objects.values_list("verification_code", flat=True))
    users = User.objects.filter(pk__in=[pk for pk, _percent, _at in earned])
    names = dict(users.values_list("pk", "full_name"))
    rows = []
    for pk, percent, issued_at in earned:
        while True:
            raw = "".join(rng.choice(ALPHABET) for _i in range(12))
            code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
            if code not in taken:
                break
        taken.add(code)
        running += 1
        rows.append(
            Diploma(
                user_id=pk,
                course=course,
                number=f"{prefix}{running:04d}",
                verification_code=code,
                issued_at=issued_at,
                valid_until=datetime.date(course.year, 12, 31),
                snapshot={
                    "name": names.get(pk, ""),
                    "year": course.year,
                    "municipality": settings.MUNICIPALITY_NAME,
                    "score": percent,
                    "course": course.title,
                },
            )
        )
    Diploma.objects.bulk_create(rows, batch_size=BATCH)
    return rows
