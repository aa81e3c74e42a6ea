"""Celery tasks of the cases app: thin, idempotent, each calling a service."""

from celery import shared_task

from .services.reminders import send_due_reminders
from .services.retention import anonymise_expired


@shared_task
def send_case_reminders() -> int:
    """Reminders and escalations due today. Running it twice sends nothing new."""
    return send_due_reminders().total


@shared_task
def anonymise_expired_cases() -> int:
    """The retention rule, nightly: personal data of cases past it are removed. Running it
    twice removes nothing more (an anonymised case is skipped)."""
    return anonymise_expired()
