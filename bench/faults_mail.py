"""Replay the SMTP-outage scenario of issue 10 and count what became of each message.

    DATABASE_URL=postgres://... python bench/faults_mail.py [--messages 30] [--outage-minutes 90]

Starts its own components on 127.0.0.1 (an aiosmtpd mail server, a Redis broker of its own
and a real ``celery -A lotsportal worker``) against the portal database of ``DATABASE_URL``
(migrated; the run's outbox rows are deleted afterwards unless ``--keep``). Then:

1. the mail server is stopped and ``--messages`` receipts are written, each handed to the
   worker on commit (the worker's try fails: connection refused, and it schedules a retry);
2. the outage lasts ``--outage-minutes`` of simulated time (default 90, far beyond the old
   7.5-minute retry window): the beat sweep runs every 5 minutes (``send_pending(now=...)``);
3. the mail server comes back, the sweep runs until the outbox is empty.

Prints sent (written to the outbox) / stored (rows) / delivered (distinct Message-IDs the
server received) / duplicated (deliveries beyond the first) / lost (never delivered), and the
statuses. Exit status 1 if anything was lost or doubled.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)  # run as a script: the project root, not bench/, comes first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=30)
    parser.add_argument("--outage-minutes", type=int, default=90)
    parser.add_argument("--keep", action="store_true", help="keep the run's outbox rows")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsportal.settings_test")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.utils import timezone

    from lotsportal import tasking
    from lotsportal.celery import app
    from notifications import services
    from notifications.models import OutboxMessage, OutboxStatus
    from tests.faults.conftest import (
        PrivateRedis,
        SmtpServer,
        database_url_of,
        start_worker,
        wait_until,
    )

    logging.getLogger("notifications").setLevel(logging.ERROR)  # one warning per failed try
    run = uuid.uuid4().hex[:8]
    smtp, broker = SmtpServer(), PrivateRedis()
    smtp.start()
    broker.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", smtp.port, 3
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    os.environ["CELERY_BROKER_URL"] = settings.CELERY_BROKER_URL = broker.url
    app.conf.broker_url, app.conf.task_always_eager = broker.url, False
    log_path = Path(tempfile.mkdtemp()) / "worker.log"
    worker = start_worker(
        database_url=database_url_of(connection.settings_dict),
        broker_url=broker.url,
        smtp_port=smtp.port,
        log_path=log_path,
        name=f"bench-{run}",
    )
    tasking.reset_broker_state()
    try:
        smtp.stop()
        started = time.perf_counter()
        with transaction.atomic():
            rows = [
                services.queue_email(
                    to=f"bench-{run}-{n}@example.se",
                    template="notifications/email/generic",
                    context={"subject": f"Kvitto {run} {n}", "body": "Bench."},
                )
                for n in range(args.messages)
            ]
        ids = [row.pk for row in rows if row is not None]
        mine = OutboxMessage.objects.filter(pk__in=ids)
        wait_until(
            lambda: not mine.filter(attempts=0).exists(), 60, "the worker's first tries", 0.2
        )
        now = timezone.now()
        for _sweep in range(args.outage_minutes // 5):
            now += timedelta(minutes=5)
            services.send_pending(now=now)
        during = Counter(mine.values_list("status", flat=True))
        smtp.start()
        for _sweep in range(48):  # up to four hours of sweeps once the server is back
            now += timedelta(minutes=5)
            services.send_pending(now=now)
            if not mine.exclude(status=OutboxStatus.SENT).exists():
                break
        elapsed = time.perf_counter() - started
        after = Counter(mine.values_list("status", flat=True))
        received = Counter(smtp.message_ids())  # this run's own server: only this run's mail
        expected = {row.message_id_header for row in mine}
        delivered = len(set(received) & expected)
        duplicated = sum(count - 1 for mid, count in received.items() if mid in expected)
        lost = len(expected) - delivered
        print(f"scenario: mail server down for {args.outage_minutes} simulated minutes")
        print(f"statuses during the outage: {dict(during)}")
        print(f"statuses afterwards:        {dict(after)}")
        print(f"sent       {len(ids)}")
        print(f"stored     {mine.count()}")
        print(f"delivered  {delivered}")
        print(f"duplicated {duplicated}")
        print(f"lost       {lost}")
        print(f"worker alive: {worker.alive}; wall time {elapsed:.1f} s")
        if not args.keep:
            mine.delete()
        return 1 if lost or duplicated else 0
    finally:
        worker.stop()
        smtp.stop()
        broker.kill()


if __name__ == "__main__":
    sys.exit(main())
