"""Audit every locked package for known vulnerabilities (`make audit`, run by CI).

Usage: python scripts/audit_lock.py requirements/dev.txt

Runs pip-audit on the lock file exactly as pinned (hashes, no dependency resolution) against
PyPI's advisory data (`-s pypi`: the PyPI JSON API, which carries the OSV advisories per release).
The dev lock holds every runtime package too (it is compiled with the runtime lock as constraint),
so one audit covers both.

Fails (exit 1) when
- a locked package has a known vulnerability that is not listed, with a written reason, in
  requirements/audit-ignore.txt (one `VULNERABILITY-ID  reason` a line; `#` starts a comment);
- the service gave no answer for a package: an audit that checked nothing must not pass.

AUDIT_UNREACHABLE_OK=1 turns the second case into a loud warning (exit 0), but only when the
service answered for no package at all, i.e. the vulnerability data cannot be reached from this
machine. A vulnerability found is always a failure.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

IGNORE_FILE = Path(__file__).resolve().parent.parent / "requirements/audit-ignore.txt"


def read_ignores() -> dict[str, str]:
    ignores: dict[str, str] = {}
    if not IGNORE_FILE.exists():
        return ignores
    for number, raw in enumerate(IGNORE_FILE.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        vuln_id, _, reason = line.partition(" ")
        if not reason.strip():
            sys.exit(f"{IGNORE_FILE.name}:{number}: {vuln_id} is ignored without a written reason")
        ignores[vuln_id] = reason.strip()
    return ignores


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    lock = argv[0]
    pip_audit = Path(sys.executable).with_name("pip-audit")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        command = [
            str(pip_audit),
            "--requirement",
            lock,
            "--require-hashes",
            "--disable-pip",
            "--vulnerability-service",
            "pypi",
            "--progress-spinner",
            "off",
            "--format",
            "json",
            "--output",
            str(report),
        ]
        done = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
        if not report.exists():
            print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
            print("pip-audit wrote no report.", file=sys.stderr)
            return 1
        dependencies = json.loads(report.read_text(encoding="utf-8"))["dependencies"]

    ignores = read_ignores()
    audited = [d for d in dependencies if "skip_reason" not in d]
    skipped = [d for d in dependencies if "skip_reason" in d]
    found = [
        (d["name"], d["version"], v)
        for d in audited
        for v in d.get("vulns", [])
        if v["id"] not in ignores and not set(v.get("aliases", [])) & ignores.keys()
    ]
    for name, version, vuln in found:
        fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
        print(f"VULNERABLE {name}=={version}: {vuln['id']} (fixed in: {fixed})")
        print(f"    {vuln.get('description', '').strip()[:300]}")
    for vuln_id, reason in ignores.items():
        print(f"ignored {vuln_id}: {reason}")

    total = len(dependencies)
    print(f"{len(audited)} of {total} locked packages audited, {len(found)} vulnerable.")
    if found:
        print("Bump the package in requirements*.txt and run `make lock`.", file=sys.stderr)
        return 1
    if skipped:
        for dependency in skipped[:5]:
            print(f"not audited: {dependency['skip_reason']}", file=sys.stderr)
        if not audited and os.environ.get("AUDIT_UNREACHABLE_OK") == "1":
            print(
                "WARNING: the dependency audit could not run: the vulnerability service answered "
                f"for none of the {len(skipped)} locked packages (unreachable from this machine). "
                "Nothing was audited.",
                file=sys.stderr,
            )
            return 0
        print(f"{len(skipped)} locked packages could not be audited.", file=sys.stderr)
        return 1
    print("No known vulnerabilities in the locked packages.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
