"""Replay the double-submit fault against a running portal and count what it stored.

    DATABASE_URL=postgres://... python bench/faults_submit.py [--forms 10] [--url http://127.0.0.1:8000]

Without ``--url`` the script starts its own ``manage.py runserver`` on a free port of
127.0.0.1 (settings ``DJANGO_SETTINGS_MODULE``, default ``lotsportal.settings_test``; the
fill-time guard off and the intake rate limit raised for the run) on the database of
``DATABASE_URL``, which it migrates first, and stops it at the end. With ``--url`` the portal
must be on 127.0.0.1 or localhost and use the same database as ``DATABASE_URL`` (the script
counts the rows there); its rate limit (``PUBLIC_INTAKE_RATE``) must allow the run, and the
script waits out ``PUBLIC_FORM_MIN_SECONDS`` before sending.

Each of ``--forms`` public intake forms is fetched like a browser does (cookie, CSRF token,
one-time key), then sent twice: half of them one send after the other (a replayed POST), half
with both sends at the same moment from two threads (a double click). Prints

    sent       POSTs made
    answered   responses per status code
    stored     cases the run made (by a marker in the description)
    receipts   receipt e-mails (outbox rows to the run's addresses)
    duplicated cases and receipts beyond one per form
    lost       forms with no stored case
    same       forms whose two sends showed the same receipt (case number)
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)  # run as a script: the project root, not bench/, comes first

MAX_FORMS = 200
REQUEST_TIMEOUT = 30  # seconds
ORG_NUMBER = "556036-0793"  # a valid organisationsnummer (Luhn), the same company every time
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


class _Inputs(HTMLParser):
    """Hidden inputs and the case type radios of the intake form."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.case_types: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "input":
            return
        a = dict(attrs)
        if a.get("type") == "hidden" and a.get("name"):
            self.hidden[a["name"]] = a.get("value") or ""
        elif a.get("type") == "radio" and a.get("name") == "case_type":
            self.case_types.append(a.get("value") or "")


@dataclass
class Browser:
    base: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def opener(self) -> urllib.request.OpenerDirector:
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener().open(self.base + path, timeout=REQUEST_TIMEOUT) as response:
            return response.read().decode()

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        """POST like the form does (the redirect to the receipt followed); status, page."""
        request = urllib.request.Request(  # noqa: S310 - 127.0.0.1 only, checked in main
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": self.base + path},
        )
        try:
            with self.opener().open(request, timeout=REQUEST_TIMEOUT) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def fill_in(browser: Browser, *, marker: str, index: int) -> dict[str, str]:
    page = browser.get("/foretag/")
    inputs = _Inputs()
    inputs.feed(page)
    if not inputs.case_types:
        raise SystemExit("The portal offers no public case type: add one in the admin first.")
    return {
        **inputs.hidden,
        "org_number": ORG_NUMBER,
        "company_name": "Bänkföretaget AB",
        "contact_name": f"Bänk {index}",
        "email": address(marker, index),
        "phone": "",
        "case_type": inputs.case_types[0],
        "description": f"Dubbelsändning {marker} formulär {index}.",
        "preferred_contact": "email",
        "consent": "on",
        "website": "",
    }


def address(marker: str, index: int) -> str:
    return f"bench-{marker}-{index}@faults.example"


def case_number(page: str) -> str:
    found = re.search(r'id="case-number">([^<]+)<', page)
    return found.group(1).strip() if found else ""


@dataclass
class Outcome:
    statuses: Counter = field(default_factory=Counter)
    numbers: dict[int, list[str]] = field(default_factory=dict)
    sent: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, index: int, status: int, page: str) -> None:
        with self.lock:
            self.sent += 1
            self.statuses[status] += 1
            self.numbers.setdefault(index, []).append(case_number(page))


def send_twice(browser: Browser, data: dict[str, str], index: int, outcome: Outcome, *, at_once):
    if not at_once:
        for _ in range(2):
            outcome.record(index, *browser.post("/foretag/", data))
        return
    barrier = threading.Barrier(2)

    def one() -> None:
        barrier.wait(timeout=REQUEST_TIMEOUT)
        outcome.record(index, *browser.post("/foretag/", data))

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * REQUEST_TIMEOUT)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_portal(settings_module: str) -> tuple[subprocess.Popen, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PUBLIC_FORM_MIN_SECONDS": "0",
        "PUBLIC_INTAKE_RATE": "100000/h",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True)  # noqa: S603
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own manage.py on 127.0.0.1
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/foretag/", timeout=2).close()  # noqa: S310
            return server, base
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if server.poll() is not None:
                raise SystemExit("runserver exited; is DATABASE_URL set and reachable?") from None
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("runserver did not answer within 60 s")


def counts(marker: str, forms: int) -> tuple[int, int]:
    """Cases and receipts the run stored, read from the portal's database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsportal.settings_test")
    django.setup()
    from cases.models import Case
    from notifications.models import OutboxMessage

    stored = Case.objects.filter(description__contains=f"Dubbelsändning {marker} ").count()
    receipts = OutboxMessage.objects.filter(
        recipient__in=[address(marker, i) for i in range(forms)]
    ).count()
    return stored, receipts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=10, help=f"forms to send (≤ {MAX_FORMS})")
    parser.add_argument("--url", help="a running portal on 127.0.0.1 (default: start one)")
    parser.add_argument("--wait", type=float, default=3.5, help="seconds a person takes (--url)")
    parser.add_argument(
        "--settings", default=os.environ.get("DJANGO_SETTINGS_MODULE", "lotsportal.settings_test")
    )
    args = parser.parse_args(argv)
    forms = max(1, min(args.forms, MAX_FORMS))
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings

    server = None
    if args.url:
        base = args.url.rstrip("/")
        if urllib.parse.urlsplit(base).hostname not in LOCAL_HOSTS:
            raise SystemExit("--url must be on 127.0.0.1 or localhost")
    else:
        server, base = start_portal(args.settings)
    marker = uuid.uuid4().hex[:10]
    outcome = Outcome()
    try:
        browsers = [Browser(base) for _ in range(forms)]
        filled = [fill_in(b, marker=marker, index=i) for i, b in enumerate(browsers)]
        if args.url:
            time.sleep(args.wait)  # the portal refuses a form sent faster than a person can
        began = time.monotonic()
        for index, (browser, data) in enumerate(zip(browsers, filled, strict=True)):
            send_twice(browser, data, index, outcome, at_once=index % 2 == 1)
        took = time.monotonic() - began
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)

    stored, receipts = counts(marker, forms)
    same = sum(1 for numbers in outcome.numbers.values() if len(set(numbers)) == 1 and numbers[0])
    replayed, at_once = forms - forms // 2, forms // 2
    print(f"forms       {forms} (each sent twice: {replayed} replayed, {at_once} at once)")
    print(f"sent        {outcome.sent} POSTs in {took:.1f} s")
    print(f"answered    {dict(sorted(outcome.statuses.items()))}")
    print(f"stored      {stored}")
    print(f"receipts    {receipts}")
    print(f"duplicated  {max(0, stored - forms)} cases, {max(0, receipts - forms)} receipts")
    print(f"lost        {max(0, forms - stored)}")
    print(f"same        {same} of {forms} forms showed one receipt for both sends")
    return 0 if stored == forms == receipts else 1


if __name__ == "__main__":
    sys.exit(main())
