"""The demo municipality's LOTS course (the last step of `seed_demo`; idempotent).

Loads the question bank into this year's edition (all officials enrolled) and gives a few demo
officials progress: one half-way, one passed with an activity waiting for approval, and one
with an approved practical year and an issued diploma.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from training.models import ActivityStatus, Attempt, Diploma, PracticalActivity
from training.services import attempts, diplomas, practical
from training.services.bank_file import BANK_PATH, current_edition, load_bank

COORDINATOR = "johan.ek@exempelby.se"
HALF_WAY = "anna.reception@exempelby.se"
PASSED = "ali.karimi@exempelby.se"
CERTIFIED = "karin.sjoberg@exempelby.se"


def _answer(user, course, *, topics: int | None = None) -> None:
    """Answer correctly: all topics, or only the first ``topics``."""
    attempt = attempts.start_course(user=user, course=course)
    items = attempt.items.select_related("version").order_by("position")
    topic_ids = []
    for item in items:
        if item.topic_id not in topic_ids:
            topic_ids.append(item.topic_id)
        if topics is not None and len(topic_ids) > topics:
            break
        if item.answered_at is None:
            right = list(item.version.choices.filter(is_correct=True).values_list("pk", flat=True))
            attempts.answer_question(user=user, item_id=item.pk, choice_ids=right)


def _activities(user, course, coordinator, *, approve: bool) -> None:
    today = timezone.localdate()
    for requirement in course.requirements.all():
        for n in range(requirement.required_count):
            activity = practical.log_activity(
                user=user,
                course=course,
                requirement=requirement,
                date=today.replace(day=max(1, today.day - n - 1)),
                place_or_department="Exempelby Snickeri AB" if n == 0 else "Samhällsbyggnad",
                learned="Hur företagaren upplever kommunens handläggning och vad som var oklart.",
            )
            if approve:
                practical.review_activity(activity=activity, by=coordinator, approve=True)
            else:
                return


def seed(report: Callable[[str], None]) -> None:
    if not BANK_PATH.exists():
        report("Training: no question bank file; the course is left empty.")
        return
    result = load_bank()
    course = current_edition()
    report(
        f"Training: {course} with {course.slots.count()} questions "
        f"({result.imported} new, {result.updated} updated)."
    )
    people = {
        u.email: u
        for u in User.objects.filter(email__in=[COORDINATOR, HALF_WAY, PASSED, CERTIFIED])
    }
    if len(people) < 4 or Attempt.objects.filter(course=course, user__in=people.values()).exists():
        return
    coordinator = people[COORDINATOR]
    with transaction.atomic():  # one commit: the demo's hundreds of answers stay quick
        _answer(people[HALF_WAY], course, topics=2)
        _answer(people[PASSED], course)
        _activities(people[PASSED], course, coordinator, approve=False)
        _answer(people[CERTIFIED], course)
        _activities(people[CERTIFIED], course, coordinator, approve=True)
    diploma = Diploma.objects.filter(user=people[CERTIFIED], course=course).first()
    if diploma is None:
        diploma = diplomas.issue_diploma(user=people[CERTIFIED], course=course)
    pending = PracticalActivity.objects.filter(course=course, status=ActivityStatus.SUBMITTED)
    report(
        f"Training: demo progress for 3 officials; {pending.count()} activity waits for approval; "
        f"diploma {diploma.number} (code {diploma.verification_code})."
    )
