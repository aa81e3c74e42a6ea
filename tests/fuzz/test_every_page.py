"""Hostile input on every page, as every role: no answer is a 5xx, none is slow.

The pages come from the URL resolver (``pages.resolver_urls``) with real objects in their
addresses (``world.build_world``); each page is rendered as the role, and its forms and links
give the fields and query parameters to fuzz. Hypothesis then sends, per page and per form,
``FUZZ_EXAMPLES`` requests in which some fields (one, a few, or all) hold a hostile value for
their kind (Unicode digits, huge numbers, far dates, 255-320 character e-mail addresses, NUL
bytes, long strings, lists) and the others what a person would send. After a form was accepted
the page it came from and the page it led to are shown again, so a value that was stored and
breaks a page later (or makes it slow) is found too. Every example runs in a savepoint that is
rolled back, with the rate-limit counters cleared, so examples do not meet.

Run it longer with ``FUZZ_EXAMPLES=50`` (and ``FUZZ_RANDOM=1`` for new examples each run).
"""

from __future__ import annotations

import os
import re
import time
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, Phase, given, note
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.conftest import clear_test_cache

from . import values
from .pages import Form, parse_page, query_names, resolver_urls
from .world import ROLES, build_world

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
SLOW_SECONDS = float(os.environ.get("FUZZ_SLOW_SECONDS", "8"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"
# Past this many seconds for one role, only the worst values are still sent (no random ones):
# a loaded machine makes the run shorter, not longer. FUZZ_EXAMPLES raises it with the count.
ROLE_SECONDS = float(os.environ.get("FUZZ_SECONDS", str(10 * EXAMPLES)))
# The business owner's pages: what a token in an e-mail opens, and the public forms.
PUBLIC_PREFIXES = ("/foretag/", "/diplom/", "/konto/")
# Django's admin: by default its index, each model's list and add form (FUZZ_ADMIN=all adds
# every change, delete and history page: a few hundred more, minutes more).
ADMIN_ALL = os.environ.get("FUZZ_ADMIN") == "all"
ADMIN_DEFAULT = re.compile(r"^/admin/([^/]+/([^/]+/(add/)?)?)?$")
# Never mutated: without the CSRF token every POST is a 403 and nothing else is tried.
KEEP = {"csrfmiddlewaretoken"}

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


class _Rollback(Exception):
    pass


class Session:
    """A browser of one role: its cookies are put back before every example."""

    def __init__(self, user):
        self.client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        if user is not None:
            self.client.force_login(user)
        # One CSRF secret for the whole run, so every rendered form's token matches it.
        self.client.cookies[settings.CSRF_COOKIE_NAME] = _get_new_csrf_string()
        self.cookies = {key: morsel.value for key, morsel in self.client.cookies.items()}

    def reset(self):
        self.client.cookies.clear()
        for key, value in self.cookies.items():
            self.client.cookies[key] = value

    def send(self, method: str, url: str, data=None):
        start = time.monotonic()
        if method == "get":
            response = self.client.get(url, data)
        else:
            response = self.client.post(url, data)
        elapsed = time.monotonic() - start
        where = f"{method.upper()} {url} {_short(data)}"
        problem = None
        if response.status_code >= 500:
            problem = f"{response.status_code} for {where}{_exception(response)}"
        elif elapsed > SLOW_SECONDS:
            problem = f"{elapsed:.1f} s for {where}"
        return response, problem


def _exception(response) -> str:
    info = getattr(response, "exc_info", None)
    return f"\n    {info[0].__name__}: {str(info[1])[:300]}" if info else ""


def _short(data) -> str:
    text = repr(data)
    return text if len(text) < 400 else text[:400] + "…"


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def _resolves(url: str) -> bool:
    try:
        resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return True


class Targets:
    """What one role can reach: pages with their query parameters, and forms."""

    def __init__(self, session: Session, urls: list[str]):
        self.queries: dict[str, set[str]] = {}
        self.shown: set[str] = set()  # the paths this role is shown (200)
        self.forms: dict[tuple, tuple[str, Form]] = {}
        self.problems: list[str] = []
        seen_links: set[str] = set()
        for url in urls:
            self._visit(session, url, seen_links)
        for link in sorted(seen_links):  # one level of links: exports, filtered lists ...
            path = urlsplit(link).path
            if path.startswith("/admin/") and not ADMIN_ALL:
                continue
            if path not in self.queries and _resolves(link):
                self._visit(session, link, set())
        everywhere = set().union(*self.queries.values()) if self.queries else set()
        self.everywhere = sorted(everywhere)

    def _visit(self, session: Session, url: str, seen_links: set[str]):
        path = urlsplit(url).path
        names = self.queries.setdefault(path, set())
        names.update(query_names(url))
        session.reset()
        response, problem = session.send("get", url)
        if problem:
            self.problems.append(problem)
        if response.status_code != 200:
            return
        self.shown.add(path)
        if not _is_html(response):
            return
        forms, links = parse_page(response.content.decode(), url)
        for link in links:
            if not _admin_page_fuzzed(urlsplit(link).path):
                continue
            seen_links.add(link)
            self.queries.setdefault(urlsplit(link).path, set()).update(query_names(link))
        for form in forms:
            if form.method == "get":
                self.queries.setdefault(urlsplit(form.action).path, set()).update(form.fields)
            else:
                key = (urlsplit(form.action).path, tuple(sorted(form.fields)))
                self.forms.setdefault(key, (url, form))


def _query_value(name: str):
    if any(word in name for word in values.DATE_WORDS):
        return values.dates()
    if name in ("q", "search"):
        return values.texts()
    return values.for_query()


def _file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def _mutated_form(draw, form: Form) -> dict:
    data = form.valid_data()
    names = [name for name in form.fields if name not in KEEP]
    if not names:
        return data
    mode = draw(st.sampled_from(["one", "one", "some", "all"]))
    if mode == "one":
        chosen = [draw(st.sampled_from(names))]
    elif mode == "some":
        chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
    else:
        chosen = names
    for name in chosen:
        f = form.fields[name]
        if f.kind == "file":
            filename = draw(st.one_of(st.just("ritning.pdf"), values.texts()))
            data[name] = _file(filename.replace("\x00", "") or "x")
        elif draw(st.integers(0, 9)) == 0:
            data.pop(name, None)  # left out
        else:
            data[name] = draw(values.for_field(f.kind, name))
    return data


def _check_form(session: Session, page: str, form: Form, data: dict) -> list[str]:
    response, problem = session.send("post", form.action, data)
    problems = [problem] if problem else []
    if response.status_code in (301, 302, 303) and not problems:
        after = [page]
        location = response.get("Location", "")
        if location.startswith("/") and location != page:
            after.append(location)
        for url in after:
            _response, later = session.send("get", url)
            if later:
                problems.append(f"{later}\n    (after {form.method.upper()} {form.action})")
    return problems


def _sweep(base: dict, fields: dict[str, str], *, one_by_one: bool = True) -> list[dict]:
    """The worst value of each field alone (the others as a person sends them), then each
    worst value in every field that takes it at once (a period from 9999-12-31 to 9999-12-31).
    Without ``one_by_one`` only the second: each worst value in all the fields at once."""
    sweep, together = [], {}
    for name, kind in fields.items():
        for value in values.worst(kind, name):
            if one_by_one:
                sweep.append({**base, name: value})
            together.setdefault(value, []).append(name)
    for value, names in together.items():
        if len(names) > 1:
            sweep.append({**base, **dict.fromkeys(names, value)})
    return sweep


def _form_sweep(form: Form) -> list[dict]:
    kinds = {
        name: f.kind
        for name, f in form.fields.items()
        if name not in KEEP and f.kind not in ("submit", "file")
    }
    return _sweep(form.valid_data(), kinds)


def _fuzz(run_one, problems: list[str], label: str, examples: int = EXAMPLES, until=None):
    if until is not None and time.monotonic() > until:
        return

    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: one slow page costs seconds
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def run(data):
        found = run_one(data.draw)
        if found:
            note("\n".join(found))
            raise AssertionError("\n".join(found))

    try:
        run()
    except AssertionError as error:
        problems.append(f"{label}: {str(error).splitlines()[0] if False else error}")


def _in_savepoint(session: Session, check):
    session.reset()
    clear_test_cache()
    found: list[str] = []
    try:
        with transaction.atomic():
            found = check()
            raise _Rollback
    except _Rollback:
        pass
    return found


def _admin_page_fuzzed(url: str) -> bool:
    return ADMIN_ALL or not url.startswith("/admin/") or ADMIN_DEFAULT.match(url) is not None


def _public(url: str) -> bool:
    return url.startswith(PUBLIC_PREFIXES)


@pytest.fixture
def world(db, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0  # the fuzzer sends forms at once
    return build_world()


def test_every_address_of_the_resolver_has_a_real_object(world):
    _urls, unfilled = resolver_urls(world.path_values)
    assert unfilled == [], "add a value for these views' path parameters to tests/fuzz/world.py"


@pytest.mark.parametrize("role", ROLES)
def test_no_page_answers_5xx_or_slowly_to_hostile_input(world, role):
    session = Session(world.people[role])
    urls, _unfilled = resolver_urls(world.path_values)
    if role == "business":
        urls = [url for url in urls if _public(url)]
    elif getattr(world.people[role], "is_staff", False):
        urls = [url for url in urls if _admin_page_fuzzed(url)]
    else:
        # The admin sends everyone else to its sign-in page: its own index stands for all.
        urls = [url for url in urls if not url.startswith("/admin/") or url == "/admin/"]
    targets = Targets(session, urls)
    problems = list(targets.problems)
    print(f"{role}: {len(targets.queries)} pages, {len(targets.forms)} forms")  # noqa: T201
    until = time.monotonic() + ROLE_SECONDS / 2  # half for the pages, half for the forms

    for path, names in sorted(targets.queries.items()):
        if role == "business" and not _public(path):
            continue
        candidates = sorted(names) or targets.everywhere
        # A page the role is refused, or one without parameters of its own: one example.
        examples = EXAMPLES if names and path in targets.shown else 1

        def one_query(draw, path=path, candidates=candidates):
            own = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True))
            query = {name: draw(_query_value(name)) for name in own}
            url = f"{path}?{urlencode(query, doseq=True)}"
            return _in_savepoint(session, lambda: [p for p in [session.send("get", url)[1]] if p])

        if not candidates:
            continue
        if path in targets.shown and not path.startswith("/admin/"):
            # A page's own parameters one by one; a page without any is sent every parameter
            # of the portal at once, per worst value (it must ignore them all): one request
            # each, not one per parameter of every other page.
            sweep = _sweep({}, dict.fromkeys(candidates, "query"), one_by_one=bool(names))
            for query in sweep:
                url = f"{path}?{urlencode(query, doseq=True)}"
                problems += _in_savepoint(
                    session, lambda url=url: [p for p in [session.send("get", url)[1]] if p]
                )
        _fuzz(one_query, problems, f"{role} GET {path}", examples, until)

    until = time.monotonic() + ROLE_SECONDS / 2
    for (action, _names), (page, form) in sorted(targets.forms.items()):

        def one_form(draw, page=page, form=form):
            data = _mutated_form(draw, form)
            return _in_savepoint(session, lambda: _check_form(session, page, form, data))

        admin = action.startswith("/admin/")
        if not admin:
            for data in _form_sweep(form):
                problems += _in_savepoint(
                    session,
                    lambda page=page, form=form, data=data: _check_form(session, page, form, data),
                )
        _fuzz(one_form, problems, f"{role} POST {action}", 1 if admin else EXAMPLES, until)

    report = "\n".join(dict.fromkeys(problems))
    assert not problems, f"{len(problems)} hostile requests went wrong as {role}:\n{report}"
