"""Fill the database named by DATABASE_URL with generated business cases.

    DATABASE_URL=postgres://... python bench/generate.py --cases 10000 [--seed 1] [--flush]

The schema must be migrated already (``manage.py migrate``); nothing is migrated here.
The stories come from ``demo/`` (``demo.generator.generate`` with the bench profile), the
same planner and writer ``seed_demo`` uses at demo size.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    # Run as a script, Python puts bench/ first on the path; the project root belongs there.
    if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
        sys.path[0] = str(ROOT)
    elif str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsportal.settings")
    import django

    django.setup()


def peak_rss_mb() -> int:
    """This process's peak resident memory so far, in MB (Linux reports kB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, required=True, help="how many cases to add")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--today", type=datetime.date.fromisoformat, help="YYYY-MM-DD")
    parser.add_argument("--no-training", action="store_true", help="no course results")
    parser.add_argument(
        "--flush", action="store_true", help="first remove what an earlier run generated"
    )
    args = parser.parse_args(argv)
    setup_django()
    from demo.generator import analyze, flush, generate

    if args.flush:
        started = time.perf_counter()
        flushed = flush()
        print(f"flushed {flushed['deleted_rows']} rows in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    counts = generate(
        cases=args.cases, seed=args.seed, today=args.today, training=not args.no_training
    )
    seconds = time.perf_counter() - started
    analyze()
    counts["peak_rss_mb"] = peak_rss_mb()
    width = max(len(name) for name in counts)
    for name, value in counts.items():
        print(f"{name:<{width}}  {value:>8}")
    print(f"{'seconds':<{width}}  {seconds:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
