from celery import shared_task
from django.contrib.auth import get_user_model

from .models import Course
from .services import diplomas, reminders, statistics


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=3)
def issue_diploma(user_id: int, course_id: int) -> str:
    """Issue one participant's diploma; safe to run twice (one diploma)."""
    user = get_user_model().objects.get(pk=user_id)
    course = Course.objects.get(pk=course_id)
    return diplomas.issue_diploma(user=user, course=course).number


@shared_task
def send_training_reminders() -> int:
    """Daily: the course opens; two weeks before it closes. Each goes out once per person."""
    return reminders.send_due_reminders()


@shared_task
def compute_question_statistics() -> int:
    """Nightly: item analysis for the editions open now (or closed within a month)."""
    return statistics.compute_open_editions()
