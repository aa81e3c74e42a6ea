"""Replay the faults of issue 10 and print what became of every message and form.

    python bench/faults.py mail   [--messages 30] [--outage-minutes 90]   # SMTP outage
    python bench/faults.py submit [--forms 10] [--url http://127.0.0.1:8000]  # double submits
    python bench/faults.py all                                               # both, in turn

Each scenario prints sent / stored / delivered (or receipts) / duplicated / lost and exits 1
when anything was lost or doubled; ``all`` exits 1 when either did. The scenarios themselves
live in ``bench/faults_mail.py`` and ``bench/faults_submit.py`` (see their docstrings for what
they start and which database they use).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)  # run as a script: the project root, not bench/, comes first

SCENARIOS = ("mail", "submit")


def run(name: str, argv: list[str]) -> int:
    if name == "mail":
        from bench import faults_mail

        return faults_mail.main(argv)
    from bench import faults_submit

    return faults_submit.main(argv)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in (*SCENARIOS, "all"):
        print(__doc__)
        return 2
    name, rest = args[0], args[1:]
    if name != "all":
        return run(name, rest)
    worst = 0
    for scenario in SCENARIOS:
        print(f"== {scenario} ==")
        worst = max(worst, run(scenario, []))
    return worst


if __name__ == "__main__":
    sys.exit(main())
