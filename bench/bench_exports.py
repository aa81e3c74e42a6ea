"""Time to first byte, total time and peak memory of downloads, as a samordnare gets them.

    DATABASE_URL=postgres://... python bench/bench_exports.py [--repeat 3]
        [--url cases:export] [--url stats:export_workbook] [--only]

For each URL: one warm-up request, then ``--repeat`` timed ones through Django's test client
(in-process, the whole middleware and view stack). "first byte" is the time until the first
chunk of the body is in hand (for a plain ``HttpResponse`` that is the whole body), "total"
until the last. A last request runs under ``tracemalloc``: "peak MB" is the most Python memory
held at once while the response is produced and read (chunks are dropped as they arrive, as a
web server would send them on). Also prints whether the response streams and the SQL time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)  # run as a script: the project root, not bench/, comes first

DEFAULT_URLS = ["cases:export", "stats:export_workbook", "stats:index"]


def read(response) -> tuple[float, int]:
    """Consume the body chunk by chunk; the seconds until the first chunk and the size."""
    started = time.perf_counter()
    first = None
    size = 0
    if getattr(response, "streaming", False):
        for chunk in response.streaming_content:
            if first is None:
                first = time.perf_counter() - started
            size += len(chunk)
        response.close()
    else:
        size = len(response.content)
    return (first or 0.0), size


def one_request(client, url: str) -> dict:
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from lotsportal.dbrouting import reporting_database

    with CaptureQueriesContext(connections[reporting_database()]) as captured:
        started = time.perf_counter()
        response = client.get(url)
        view = time.perf_counter() - started
        first, size = read(response)
        total = time.perf_counter() - started
    return {
        "status": response.status_code,
        "streaming": bool(getattr(response, "streaming", False)),
        "first": (view + first) * 1000,
        "total": total * 1000,
        "bytes": size,
        "queries": len(captured.captured_queries),
        "sql": sum(float(q["time"]) for q in captured.captured_queries) * 1000,
    }


def measure(client, url: str, repeat: int) -> dict:
    one_request(client, url)  # warm-up
    runs = [one_request(client, url) for _n in range(repeat)]
    tracemalloc.start()
    one_request(client, url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    last = runs[-1]
    return {
        **last,
        "first": statistics.median(r["first"] for r in runs),
        "total": statistics.median(r["total"] for r in runs),
        "sql": statistics.median(r["sql"] for r in runs),
        "peak": peak / 1e6,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed requests per URL")
    parser.add_argument("--url", action="append", default=[], help="URL name or /path?query")
    parser.add_argument("--only", action="store_true", help="only the --url pages")
    args = parser.parse_args(argv)

    from bench.generate import setup_django

    warnings.filterwarnings("ignore", message="No directory at")
    setup_django()
    from django.conf import settings
    from django.test import Client

    from bench.bench_pages import coordinator, resolve
    from cases.models import Case
    from lotsportal.dbrouting import reporting_database

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    user = coordinator()
    client = Client()
    client.force_login(user)
    print(
        f"{Case.objects.count()} cases; signed in as {user.email}; reads for reports on "
        f"{reporting_database()!r}; {args.repeat} timed requests per URL"
    )
    specs = ([] if args.only else DEFAULT_URLS) + args.url
    header = "url  status  streams  first byte ms  total ms  sql ms  queries  peak MB  bytes"
    print(header)
    for spec in specs:
        url = resolve(spec)
        if url is None:
            print(f"skipped {spec}: unknown URL name")
            continue
        m = measure(client, url, args.repeat)
        print(
            f"{spec}  {m['status']}  {'yes' if m['streaming'] else 'no'}  {m['first']:.0f}"
            f"  {m['total']:.0f}  {m['sql']:.0f}  {m['queries']}  {m['peak']:.1f}  {m['bytes']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
