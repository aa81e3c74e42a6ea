"""Health checks for the containers (docker-compose.yml) and for monitoring outside Docker.

    python deploy/healthcheck.py web    # GET /healthz on this host answers 200
    python deploy/healthcheck.py beat   # beat's schedule file was written recently
    python deploy/healthcheck.py mailin # the e-mail-in listener greets with 220 (SMTP or LMTP)

Exit status 0 when healthy, 1 otherwise, with one line saying why. Standard library only, so
it runs in the image without curl. The worker is checked with Celery itself:
``celery -A lotsportal inspect ping -d celery@$HOSTNAME``.
"""

import glob
import os
import socket
import sys
import time
import urllib.error
import urllib.request

# Beat writes its schedule file at least every few minutes (Celery's PersistentScheduler
# syncs every 3 minutes, and the outbox sweep is due every 5): older than this, beat is stuck.
BEAT_MAX_AGE_SECONDS = int(os.environ.get("BEAT_HEALTH_MAX_AGE_SECONDS", "900"))
BEAT_SCHEDULE = os.environ.get("BEAT_SCHEDULE_FILE", "/tmp/celerybeat-schedule")  # noqa: S108


def check_web() -> str | None:
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")
    # Behind TLS termination the portal redirects plain HTTP; this request is local.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return None if response.status == 200 else f"/healthz answered {response.status}"
    except urllib.error.HTTPError as error:
        return f"/healthz answered {error.code}"
    except OSError as error:
        return f"/healthz unreachable: {error}"


def check_beat() -> str | None:
    # The file's name depends on the dbm module (with or without a suffix such as .db).
    files = glob.glob(BEAT_SCHEDULE) + glob.glob(BEAT_SCHEDULE + ".*")
    if not files:
        return f"no beat schedule file at {BEAT_SCHEDULE}"
    age = time.time() - max(os.path.getmtime(path) for path in files)
    if age > BEAT_MAX_AGE_SECONDS:
        return f"beat schedule not written for {int(age)} s"
    return None


def check_mailin() -> str | None:
    host = os.environ.get("MAILIN_HEALTH_HOST", "127.0.0.1")
    port = int(os.environ.get("MAILIN_HEALTH_PORT", "2525"))
    try:
        with socket.create_connection((host, port), timeout=10) as connection:
            greeting = connection.recv(512).decode("ascii", "replace")
    except OSError as error:
        return f"mail listener unreachable on {host}:{port}: {error}"
    return None if greeting.startswith("220") else f"mail listener greeted {greeting[:40]!r}"


CHECKS = {"web": check_web, "beat": check_beat, "mailin": check_mailin}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in CHECKS:
        print(f"usage: {argv[0]} {'|'.join(CHECKS)}", file=sys.stderr)
        return 2
    problem = CHECKS[argv[1]]()
    print(problem or "healthy")
    return 1 if problem else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
