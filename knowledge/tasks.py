"""The knowledge bank's periodic work: thin, idempotent, calling a service."""

from celery import shared_task

from .services.gaps import forget_old_gaps
from .services.review import flag_stale_articles as flag


@shared_task
def flag_stale_articles() -> int:
    """Tell owner departments of articles due for review (safe to run twice)."""
    return flag()


@shared_task
def forget_old_search_gaps() -> int:
    """The retention of the counted empty searches, nightly (safe to run twice)."""
    return forget_old_gaps()
