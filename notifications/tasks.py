from celery import shared_task

from . import services


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=4,
)
def send_outbox_message(self, message_id: int) -> str | None:
    status = services.send_message(message_id=message_id)
    return str(status) if status else None


@shared_task
def send_pending_outbox() -> int:
    return services.send_pending()
