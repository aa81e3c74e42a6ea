from celery import shared_task

from .services.once import forget_expired_once_keys as _forget_expired_once_keys
from .services.survey import send_survey_invitations as _send_survey_invitations


@shared_task
def send_survey_invitations() -> tuple[int, int]:
    """Invite the businesses of finished cases to the survey, and remind them (idempotent)."""
    return _send_survey_invitations()


@shared_task
def forget_expired_once_keys() -> int:
    """Delete the one-time keys of public forms that are too old to be sent again."""
    return _forget_expired_once_keys()
