"""Time pages as a signed-in LOTS coordinator (samordnare) sees them.

    DATABASE_URL=postgres://... python bench/bench_pages.py [--cases 10000] [--repeat 5]
        [--url 'cases:list?status=open'] [--url /arenden/?q=kafé] [--only]

For each page: one warm-up request, then ``--repeat`` timed ones through Django's test client
(in-process: no network, no web server, but the whole middleware, view and template stack).
Prints the SQL queries per request, the median and 90th percentile time, the median CPU time
of this process (Python: view, forms, templates, ORM; not PostgreSQL's), the median time spent
in SQL (as the database driver saw it), and the response size. ``--profile N`` prints each
page's N costliest functions (cProfile over the timed requests); ``--official`` signs in a
plain official instead of a samordnare.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)  # run as a script: the project root, not bench/, comes first

DEFAULT_URLS = ["cases:list", "stats:index"]
OPTIONAL_URLS = {"stats:index"}  # skipped quietly when the app is not installed yet


def resolve(spec: str) -> str | None:
    """``name?query`` (a URL name without arguments) or ``/path?query``; None if unknown."""
    from django.urls import NoReverseMatch, reverse

    name, _sep, query = spec.partition("?")
    if name.startswith("/"):
        path = name
    else:
        try:
            path = reverse(name)
        except NoReverseMatch:
            return None
    return f"{path}?{query}" if query else path


def coordinator():
    """A generated samordnare (made, with the reference data, when there is none yet)."""
    from accounts.models import Membership, Role
    from demo.plan_extras import plan_officials
    from demo.services.reference import ensure_officials, ensure_reference_data
    from demo.world import BENCH_EMAIL_DOMAIN

    memberships = Membership.objects.filter(role=Role.SAMORDNARE, user__is_active=True)
    membership = (
        memberships.filter(user__email__endswith=f"@{BENCH_EMAIL_DOMAIN}").order_by("pk").first()
        or memberships.order_by("pk").first()
    )
    if membership is None:
        departments = ensure_reference_data().departments
        ensure_officials(departments, plan_officials(list(departments), 4))
        membership = memberships.order_by("pk").first()
    return membership.user


def department_lead():
    """The department lead (avdelningschef) of the department that leads the most cases."""
    from django.db.models import Count

    from accounts.models import Membership, Role

    leads = Membership.objects.filter(role=Role.AVDELNINGSCHEF, user__is_active=True)
    busiest = leads.annotate(led=Count("department__led_cases")).order_by("-led", "pk").first()
    if busiest is None:
        raise SystemExit("no department lead in this database (generate first)")
    return busiest.user


def measure(client, url: str, repeat: int, slowest: int = 3) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    warm = client.get(url)
    times, cpu, queries, sql = [], [], [], []
    for _n in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            cpu.append((time.process_time() - started_cpu) * 1000)
            times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
        sql.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    times.sort()
    slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:slowest]
    p90 = times[-1] if len(times) < 3 else statistics.quantiles(times, n=10, method="inclusive")[8]
    return {
        "status": response.status_code if repeat else warm.status_code,
        "queries": max(queries) if queries else 0,
        "median": statistics.median(times) if times else 0.0,
        "p90": p90 if times else 0.0,
        "sql": statistics.median(sql) if sql else 0.0,
        "cpu": statistics.median(cpu) if cpu else 0.0,
        "bytes": len(response.content if repeat else warm.content),
        "slowest": slowest if repeat else [],
    }


def profile(client, url: str, repeat: int, top: int) -> None:
    """cProfile over ``repeat`` requests of ``url``: the ``top`` functions by own time and by
    cumulative time."""
    import cProfile
    import pstats

    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _n in range(repeat):
        client.get(url)
    profiler.disable()
    print(f"\n{url}: {repeat} requests")
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, help="generate until there are this many")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page")
    parser.add_argument(
        "--url", action="append", default=[], help="URL name or /path, with ?query; repeatable"
    )
    parser.add_argument("--only", action="store_true", help="only the --url pages")
    parser.add_argument(
        "--slowest",
        nargs="?",
        type=int,
        const=3,
        default=0,
        help="print each page's N slowest queries of the last request (3 when no N)",
    )
    parser.add_argument(
        "--as",
        dest="who",
        choices=["coordinator", "lead", "official"],
        default="coordinator",
        help="sign in as a samordnare (default), the busiest department's lead or a plain "
        "official of it",
    )
    parser.add_argument(
        "--official", dest="who", action="store_const", const="official", help="--as official"
    )
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    args = parser.parse_args(argv)

    from bench.generate import setup_django

    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic needed
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from cases.models import Case
    from demo.generator import analyze, generate, generated_cases

    have = generated_cases().count()
    if args.cases and have < args.cases:
        started = time.perf_counter()
        generate(cases=args.cases - have, seed=args.seed + have)
        analyze()
        print(f"generated {args.cases - have} cases in {time.perf_counter() - started:.1f} s")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False  # the test client speaks plain HTTP
    manifest = Path(settings.STATIC_ROOT or ROOT / "staticfiles") / "staticfiles.json"
    if not manifest.exists():  # no collectstatic here: serve static names unhashed
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    if args.who == "official":
        from bench.serve_pages import users

        user = users()[1]
    else:
        user = department_lead() if args.who == "lead" else coordinator()
    client = Client()
    client.force_login(user)
    specs = ([] if args.only else DEFAULT_URLS) + args.url
    print(
        f"{Case.objects.count()} cases ({generated_cases().count()} generated) on "
        f"{connection.vendor}; signed in as {user.email}; {args.repeat} timed requests per page"
    )
    rows = []
    for spec in specs:
        url = resolve(spec)
        if url is None:
            note = "not installed yet" if spec in OPTIONAL_URLS else "unknown URL name"
            print(f"skipped {spec}: {note}")
            continue
        if args.profile:
            profile(client, url, args.repeat, args.profile)
        rows.append((spec, measure(client, url, args.repeat, args.slowest)))
    width = max([len("page"), *(len(spec) for spec, _m in rows)])
    print(f"{'page':<{width}}  status  queries  median ms  p90 ms  cpu ms  sql ms     bytes")
    for spec, m in rows:
        print(
            f"{spec:<{width}}  {m['status']:>6}  {m['queries']:>7}  {m['median']:>9.1f}"
            f"  {m['p90']:>6.1f}  {m['cpu']:>6.1f}  {m['sql']:>6.1f}  {m['bytes']:>8}"
        )
    if args.slowest:
        for spec, m in rows:
            print(f"\n{spec}: the {args.slowest} slowest queries of the last request")
            for query in m["slowest"]:
                print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
