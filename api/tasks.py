from celery import shared_task

from .services import webhooks


@shared_task
def send_webhook_delivery(delivery_id: int) -> str | None:
    """Send one delivery now; a failed try schedules the next on the row (no Celery retries)."""
    status = webhooks.send_delivery(delivery_id=delivery_id)
    return str(status) if status else None


@shared_task
def send_pending_webhooks() -> int:
    return webhooks.send_pending()
