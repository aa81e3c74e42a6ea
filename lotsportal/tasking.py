"""Handing work to Celery: the one way the portal queues a task.

Every task is queued after the surrounding transaction commits (a task never sees a change
that was rolled back, nor misses one still uncommitted), and a broker that is down never fails
nor slows the user's request: the publish is tried once with short socket timeouts, a failure
is logged at WARNING and remembered for ``CELERY_BROKER_DOWN_SECONDS`` so that a burst of
requests does not each wait for it. A task queued this way must be one whose work is recorded
first (an outbox row that the beat sweep sends; a diploma that the coordinator can request
again), so that a lost hand-off delays the work but loses nothing.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

# Per process: until when (time.monotonic()) the broker is taken to be down.
_broker_down_until = 0.0


def broker_seems_down() -> bool:
    return time.monotonic() < _broker_down_until


def mark_broker_down() -> None:
    global _broker_down_until
    _broker_down_until = time.monotonic() + settings.CELERY_BROKER_DOWN_SECONDS


def reset_broker_state() -> None:
    """Forget a broker failure (tests, and after the broker was swapped)."""
    global _broker_down_until
    _broker_down_until = 0.0


def enqueue_now(task: Any, *args: Any, **kwargs: Any) -> bool:
    """Publish ``task`` now. Returns False (and logs) when the broker could not take it.

    With eager tasks (local mode, tests) the task runs here and its errors propagate.
    """
    from .celery import app

    if app.conf.task_always_eager:
        task.apply_async(args, kwargs)
        return True
    if broker_seems_down():
        logger.warning("Broker marked down; %s%r left for the sweep", task.name, args)
        return False
    try:
        task.apply_async(args, kwargs, retry=False)
    except Exception as exc:  # noqa: BLE001 - a down broker must never fail the request
        mark_broker_down()
        logger.warning(
            "Broker unavailable (%s: %s); %s%r left for the sweep",
            exc.__class__.__name__,
            exc,
            task.name,
            args,
        )
        return False
    return True


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue ``task(*args, **kwargs)`` once the current transaction commits (now, outside one)."""
    transaction.on_commit(lambda: enqueue_now(task, *args, **kwargs))
