"""The writer's third part: the planned course results, practical years and diplomas of the
generated officials (bench), in this year's edition."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from accounts.models import User
from training.models import ActivityStatus, CourseResult, Diploma, PracticalActivity
from training.services.bank_file import current_edition
from training.services.diplomas import ALPHABET

from ..plan_extras import CourseInfo, TrainingPlan
from .reference import BATCH


def course_info(*, today: datetime.date) -> tuple[CourseInfo, set[int]]:
    """This year's edition (made with its defaults when missing) as plain data, and the
    officials who have a result in it already."""
    course = current_edition(today=today)
    requirements = tuple(course.requirements.order_by("pk").values_list("pk", "required_count"))
    done = set(CourseResult.objects.filter(course=course).values_list("user_id", flat=True))
    info = CourseInfo(
        course.year, course.opens_on, course.closes_on, course.pass_mark_percent, requirements
    )
    return info, done


def _code(seed: str, taken: set[str]) -> str:
    """A verification code in the diploma alphabet, stable for ``seed``, not yet taken."""
    attempt = 0
    while True:
        digest = hashlib.sha256(f"{seed}-{attempt}".encode()).digest()
        raw = "".join(ALPHABET[byte % len(ALPHABET)] for byte in digest[:12])
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        if code not in taken:
            taken.add(code)
            return code
        attempt += 1


@transaction.atomic
def write_training(plan: TrainingPlan, *, today: datetime.date) -> dict[str, int]:
    course = current_edition(today=today)
    CourseResult.objects.bulk_create(
        [
            CourseResult(user_id=pk, course=course, percent=percent, passed_at=passed_at)
            for pk, percent, passed_at in plan.results
        ],
        batch_size=BATCH,
    )
    PracticalActivity.objects.bulk_create(
        [
            PracticalActivity(
                user_id=pk,
                course=course,
                requirement_id=requirement,
                date=at.date(),
                place_or_department="Exempelby kommun",
                learned="Hur företagaren upplever kommunens handläggning.",
                status=ActivityStatus.APPROVED,
                reviewer_id=reviewer,
                reviewed_at=at,
                created_at=at,
            )
            for pk, requirement, at, reviewer in plan.activities
        ],
        batch_size=BATCH,
    )
    # Numbered after the edition's last diploma; no PDF is rendered.
    prefix = f"LOTS-{course.year}-"
    last = Diploma.objects.filter(number__startswith=prefix).aggregate(top=Max("number"))["top"]
    running = int(last.removeprefix(prefix)) if last else 0
    taken = set(Diploma.objects.values_list("verification_code", flat=True))
    names = dict(
        User.objects.filter(pk__in=[pk for pk, *_ in plan.diplomas]).values_list("pk", "full_name")
    )
    diplomas = []
    for pk, percent, issued_at in plan.diplomas:
        running += 1
        diplomas.append(
            Diploma(
                user_id=pk,
                course=course,
                number=f"{prefix}{running:04d}",
                verification_code=_code(f"{course.year}-{pk}", taken),
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
    Diploma.objects.bulk_create(diplomas, batch_size=BATCH)
    return {
        "course_results": len(plan.results),
        "practical_activities": len(plan.activities),
        "diplomas": len(diplomas),
    }
