"""Serve the portal with gunicorn and load its pages with wrk, beside a bare Django view.

    python bench/serve_pages.py --db 10k=postgres://.../lots_bench_10k --db 100k=postgres://...

For each database (a child process each, one after the other): count each page's SQL
statements in-process, start gunicorn (``deploy/gunicorn.conf.py``, 2 workers, DEBUG off,
``bench/serve_settings.py``) on a free port of 127.0.0.1, and run wrk (keep-alive) at
concurrency 4 and 16 on every page and on ``/__bench__/bare/`` (25 rows rendered from memory),
beside two signed-in yardsticks (``bench/serve_urls.py``): the layout with 25 rows, and the
layout alone, the floor under every signed-in page.
Prints queries, median and p95 ms, req/s, and req/s as a share of the bare view's.
The databases must be migrated and filled (``bench/generate.py``); nothing is written except
sessions for the two signed-in users.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "bench.serve_settings"
BARE = "/__bench__/bare/"
SIGNED_IN = "/__bench__/signed-in/"
LAYOUT = "/__bench__/layout/"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format('{"median_us": %d, "p95_us": %d, "requests": %d, "duration_us": %d,'
    .. ' "non_2xx": %d, "errors": %d}\\n',
    latency:percentile(50), latency:percentile(95), summary.requests, summary.duration,
    summary.errors.status, summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def drain(base: str) -> None:
    """Wait until both workers are free: wrk stops with requests still queued in gunicorn,
    which would otherwise be counted against the next page."""
    from concurrent.futures import ThreadPoolExecutor
    from urllib.request import urlopen

    def one(_n):
        with urlopen(base + BARE, timeout=120) as response:  # noqa: S310 - 127.0.0.1
            return response.status

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(one, range(2)))


def setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()


def fill_search_texts() -> None:
    """Rows written without their search text (``bench/generate.py`` writes only the vector):
    filled as the services would, then ANALYZE, so that search is measured on real data."""
    from django.db import connection

    from cases.models import Case
    from cases.services.registration import refresh_search_index

    missing = Case.objects.filter(search_text="")
    if missing.exists():
        started = time.perf_counter()
        filled = refresh_search_index(missing)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_case")
        print(f"filled the search text of {filled} cases in {time.perf_counter() - started:.0f} s")


def users():
    """A generated samordnare, and a plain official (no role beyond handläggare) of the
    department that leads the most cases."""
    from django.db.models import Count

    from accounts.models import Department, Membership, Role
    from bench.bench_pages import coordinator

    busiest = Department.objects.annotate(n=Count("led_cases")).order_by("-n", "pk").first()
    plain = (
        Membership.objects.filter(department=busiest, user__is_active=True)
        .filter(user__is_superuser=False, user__email__startswith="bench.")
        .exclude(user__memberships__role__in=[Role.SAMORDNARE, Role.AVDELNINGSCHEF])
        .order_by("pk")
        .first()
    )
    return coordinator(), plain.user


def page_50(client, url: str) -> str:
    """Follow the list's "next" links 49 times (cursor pagination); ``?page=50`` where the list
    has no cursor links (the code before keyset pagination)."""
    current = url
    for _n in range(49):
        html = client.get(current).content.decode()
        found = re.search(r'rel="next" href="(\?[^"]*)"', html)
        if not found:
            return f"{url}?page=50" if _n == 0 else current
        current = url + found.group(1).replace("&amp;", "&")
    return current


def pages(clients) -> list[tuple[str, str, str]]:
    from django.db.models import Count
    from django.urls import reverse

    from accounts.models import Department
    from cases.models import CaseType, Company

    cases = reverse("cases:list")
    busiest = Company.objects.annotate(n=Count("cases")).order_by("-n", "pk").first()
    # The filters that read the most: the department leading the most cases, the commonest type.
    department = Department.objects.annotate(n=Count("led_cases")).order_by("-n", "pk").first()
    case_type = CaseType.objects.annotate(n=Count("cases")).order_by("-n", "pk").first()
    rows = []
    for who, client in clients.items():
        rows += [
            (who, "list", cases),
            (who, "list ?status=open", f"{cases}?status=open"),
            (who, "list ?department", f"{cases}?department={department.pk}"),
            (who, "list ?case_type", f"{cases}?case_type={case_type.pk}"),
            (who, "list ?q=kafé", f"{cases}?q={quote('kafé')}"),
            (who, "list page 50", page_50(client, cases)),
            (who, "my work", reverse("cases:my_work")),
        ]
    rows.append(
        (
            "coordinator",
            f"company ({busiest.n} cases)",
            reverse("cases:company_detail", args=[busiest.pk]),
        )
    )
    return rows


def count_queries(client, url: str) -> tuple[int, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured.captured_queries), response.status_code, len(response.content)


def wrk(url: str, cookie: str, connections: int, seconds: int, script: str) -> dict:
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s"]
    command += ["--timeout", "30s", "-s", script]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(  # noqa: S603 - wrk on 127.0.0.1
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    )
    figures = json.loads(output.stdout.strip().splitlines()[-1])
    return {
        "median": figures["median_us"] / 1000,
        "p95": figures["p95_us"] / 1000,
        "rps": figures["requests"] / (figures["duration_us"] / 1e6),
        "bad": figures["non_2xx"] + figures["errors"],
    }


def run_one(label: str, seconds: int, concurrency: list[int]) -> dict:
    setup_django()
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    from cases.models import Case

    fill_search_texts()
    coordinator, plain = users()
    clients = {"coordinator": Client(), "official": Client()}
    clients["coordinator"].force_login(coordinator)
    clients["official"].force_login(plain)
    rows = pages(clients)
    cookie = settings.SESSION_COOKIE_NAME
    measured = []
    for who, name, url in rows:
        queries, status, size = count_queries(clients[who], url)
        if status != 200:
            raise SystemExit(f"{name} as {who}: HTTP {status} ({url})")
        measured.append(
            {
                "who": who,
                "page": name,
                "url": url,
                "queries": queries,
                "status": status,
                "bytes": size,
                "cookie": f"{cookie}={clients[who].cookies[cookie].value}",
            }
        )
    queries, _status, size = count_queries(clients["coordinator"], SIGNED_IN)
    yardstick = {
        **measured[0],
        "who": "coordinator",
        "page": "signed-in yardstick (layout + 25 rows)",
        "url": SIGNED_IN,
        "queries": queries,
        "bytes": size,
    }
    queries, _status, size = count_queries(clients["coordinator"], LAYOUT)
    floor = {
        **yardstick,
        "page": "signed-in layout only (no page)",
        "url": LAYOUT,
        "queries": queries,
        "bytes": size,
    }
    total = Case.objects.count()
    connections.close_all()

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "WEB_CONCURRENCY": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_CMD_ARGS": "--access-logfile /dev/null",
    }
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "deploy/gunicorn.conf.py",
        "lotsportal.wsgi:application",
    ]
    server = subprocess.Popen(  # noqa: S603 - our own portal on 127.0.0.1
        gunicorn, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _n in range(300):  # until both workers have booted and answer
            try:
                drain(base)
                break
            except OSError:
                time.sleep(0.2)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        targets = [
            {
                "who": "-",
                "page": "bare view (25 rows)",
                "url": BARE,
                "queries": 0,
                "status": 200,
                "bytes": 0,
                "cookie": "",
            },
            yardstick,
            floor,
            *measured,
        ]
        for row in targets:
            wrk(base + row["url"], row["cookie"], 4, 1, script.name)  # warm both workers
            drain(base)
            for c in concurrency:
                row[f"c{c}"] = wrk(base + row["url"], row["cookie"], c, seconds, script.name)
                drain(base)
        os.unlink(script.name)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "label": label,
        "cases": total,
        "rows": targets,
        "load": Path("/proc/loadavg").read_text().split()[:3],
    }


def report(result: dict, concurrency: list[int]) -> None:
    bare, signed = result["rows"][0], result["rows"][1]
    load = " ".join(result["load"])
    print(f"\n## {result['label']}: {result['cases']} cases; load average {load}")
    head = "| who | page | queries | kB |"
    rule = "|---|---|---|---|"
    for c in concurrency:
        head += f" c={c} median / p95 ms | c={c} req/s | c={c} vs bare | c={c} vs signed-in |"
        rule += "---|---|---|---|"
    print(head)
    print(rule)
    for row in result["rows"]:
        line = f"| {row['who']} | {row['page']} | {row['queries']} | {row['bytes'] / 1000:.0f} |"
        for c in concurrency:
            f = row[f"c{c}"]
            share = 100 * f["rps"] / (bare[f"c{c}"]["rps"] or float("nan"))
            own = 100 * f["rps"] / (signed[f"c{c}"]["rps"] or float("nan"))
            bad = f" ({f['bad']} failed)" if f["bad"] else ""
            if not f["rps"]:
                line += " no reply within the run | 0 | 0 % | 0 % |"
                continue
            line += f" {f['median']:.0f} / {f['p95']:.0f} | {f['rps']:.1f}{bad} | {share:.1f} % |"
            line += f" {own:.0f} % |"
        print(line)


def run_child(label: str, url: str, kind: str, args) -> dict:
    """One database with one worker class, measured in a child process (its own Django)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        path = out.name
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "BENCH_LABEL": f"{label}, {kind} workers",
        "GUNICORN_WORKER_CLASS": kind,
    }
    env.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-use-0123456789")
    command = [sys.executable, __file__, "--json", path, "--seconds", str(args.seconds)]
    command += ["--concurrency", args.concurrency]
    subprocess.run(command, env=env, check=True)  # noqa: S603 - this script
    result = json.loads(Path(path).read_text())
    os.unlink(path)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db",
        action="append",
        default=[],
        metavar="LABEL=DATABASE_URL",
        help="a filled database (repeatable); default: DATABASE_URL",
    )
    parser.add_argument("--seconds", type=int, default=5, help="wrk seconds per page (5)")
    parser.add_argument("--concurrency", default="4,16", help="comma-separated (4,16)")
    parser.add_argument(
        "--worker-class",
        default=os.environ.get("GUNICORN_WORKER_CLASS", "gthread"),
        help="gunicorn worker classes, comma-separated, each run in turn per database "
        "(e.g. sync,gthread: the comparison in one run)",
    )
    parser.add_argument("--json", help=argparse.SUPPRESS)  # child: write the result here
    args = parser.parse_args(argv)
    concurrency = [int(c) for c in args.concurrency.split(",")]
    if args.json:
        result = run_one(os.environ.get("BENCH_LABEL", "db"), args.seconds, concurrency)
        Path(args.json).write_text(json.dumps(result))
        return 0
    databases = [spec.split("=", 1) for spec in args.db] or [["db", os.environ["DATABASE_URL"]]]
    kinds = args.worker_class.split(",")
    results = [run_child(label, url, kind, args) for label, url in databases for kind in kinds]
    threads = os.environ.get("GUNICORN_THREADS", "4")
    print(
        f"gunicorn 2 workers ({', '.join(kinds)}; gthread with {threads} threads), DEBUG off; "
        f"wrk {args.seconds} s per page and concurrency"
    )
    for result in results:
        report(result, concurrency)
    return 0


if __name__ == "__main__":
    sys.exit(main())
