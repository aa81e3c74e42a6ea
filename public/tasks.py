from celery import shared_task

from .services.survey import send_survey_invitations as _send_survey_invitations


@shared_task
def send_survey_invitations() -> tuple[int, int]:
    """Invite the businesses of finished cases to the survey, and remind them (idempotent)."""
    return _send_survey_invitations()
