"""Periodic work of business development: loads nothing, calls a service, safe to run twice."""

from celery import shared_task

from .services.digest import send_insight_digests


@shared_task
def send_insight_digests_task() -> int:
    return send_insight_digests()
