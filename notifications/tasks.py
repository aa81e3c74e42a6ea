from celery import shared_task

from . import services


@shared_task
def send_outbox_message(message_id: int) -> str | None:
    """Send one message now. No Celery retries: a failed try schedules the next one on the
    row (``next_attempt_at``) and the beat sweep below sends it then, so there is one retry
    mechanism and one count of attempts."""
    status = services.send_message(message_id=message_id)
    return str(status) if status else None


@shared_task
def send_pending_outbox() -> int:
    """The sweep (beat): every message that is due, and every expired claim."""
    return services.send_pending()
