from celery import shared_task
from django.conf import settings

from .receivers.imap import Mailbox, poll


@shared_task(ignore_result=True)
def poll_mailbox() -> int:
    """Beat: file the reply mailbox's new mail (when MAILIN_IMAP_URL is set)."""
    if not settings.MAILIN_IMAP_URL:
        return 0
    return poll(Mailbox.from_url(settings.MAILIN_IMAP_URL))
