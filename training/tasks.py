import logging

from celery import shared_task
from django.contrib.auth import get_user_model

from .errors import TrainingError
from .models import Course
from .services import attempts, diplomas, reminders, statistics

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=3)
def issue_diploma(user_id: int, course_id: int) -> str | None:
    """Issue one participant's diploma; safe to run twice (one diploma)."""
    user = get_user_model().objects.get(pk=user_id)
    course = Course.objects.get(pk=course_id)
    try:
        return diplomas.issue_diploma(user=user, course=course).number
    except TrainingError as refused:  # no longer eligible (e.g. an approval was undone)
        logger.warning("Diploma for user %s, course %s refused: %s", user_id, course_id, refused)
        return None


@shared_task
def send_training_reminders() -> int:
    """Daily: the course opens; two weeks before it closes. Each goes out once per person."""
    return reminders.send_due_reminders()


@shared_task
def compute_question_statistics() -> int:
    """Nightly: item analysis for the editions open now (or closed within a month)."""
    return statistics.compute_open_editions()


@shared_task
def abandon_unfinished_attempts() -> int:
    """Nightly: attempts still in progress in an edition that has closed are abandoned."""
    return attempts.abandon_attempts_of_closed_editions()
