"""Celery tasks of the cases app: thin, idempotent, each calling a service."""

from celery import shared_task

from .services.reminders import send_due_reminders


@shared_task
def send_case_reminders() -> int:
    """Reminders and escalations due today. Running it twice sends nothing new."""
    return send_due_reminders().total
