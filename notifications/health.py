"""The outbox's part of /healthz (listed in ``settings.HEALTH_CHECKS``)."""

from __future__ import annotations

from django.conf import settings

from .selectors import outbox_summary


def check_mail() -> dict:
    """Degraded (not an error) when a due message has waited past the threshold."""
    try:
        summary = outbox_summary()
    except Exception as exc:  # noqa: BLE001 - the database check reports the cause
        return {"ok": False, "error": exc.__class__.__name__}
    limit = settings.HEALTH_MAIL_PENDING_MAX_MINUTES
    oldest = summary.oldest_pending_minutes
    return {
        "ok": True,
        "degraded": oldest is not None and oldest > limit,
        "pending": summary.counts["pending"] + summary.counts["sending"],
        "failed": summary.counts["failed"],
        "gave_up": summary.counts["gave_up"],
        "oldest_pending_minutes": oldest,
        "threshold_minutes": limit,
    }
