"""Every page, as every role: no two elements share an ``id``, every ``<label for>`` names a
control that is there, and every control a person fills in has a name a screen reader reads.

Two forms on one page with the same field names (a note and a message, both ``body``) give two
``id="id_body"``: the label of the one then focuses the other, and an official typing an
internal note writes to the business. The pages come from the fuzzer's world and the URL
resolver (a new page is checked without touching this file), plus one level of links.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client

from .pages import parse_page, resolver_urls
from .test_every_page import ADMIN_DEFAULT, _public
from .world import ROLES, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LABELABLE = {"input", "select", "textarea", "button", "meter", "output", "progress"}
UNNAMED_OK_TYPES = {"hidden", "submit", "button", "reset", "image"}
SAME_SHAPE = 2


class MarkupParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()
        self.tags_by_id: dict[str, str] = {}
        self.label_targets: list[str] = []
        self.controls: list[dict] = []  # controls that need a name: id, name, labelled
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids[a["id"]] += 1
            self.tags_by_id.setdefault(a["id"], tag)
        if tag == "label":
            self._label_depth += 1
            if a.get("for"):
                self.label_targets.append(a["for"])
        if tag in ("input", "select", "textarea"):
            kind = (a.get("type") or "text").lower() if tag == "input" else tag
            if kind in UNNAMED_OK_TYPES:
                return
            if tag == "input" and "tabindex" in a and a["tabindex"] == "-1":
                return  # a honeypot, hidden from people
            self.controls.append(
                {
                    "tag": tag,
                    "id": a.get("id"),
                    "name": a.get("name"),
                    "named": bool(
                        self._label_depth
                        or a.get("aria-label")
                        or a.get("aria-labelledby")
                        or a.get("title")
                    ),
                }
            )

    def handle_endtag(self, tag):
        if tag == "label" and self._label_depth:
            self._label_depth -= 1


def markup_problems(html: str, *, check_names: bool = True) -> list[str]:
    parser = MarkupParser()
    parser.feed(html)
    problems = [f'{n} elements with id="{i}"' for i, n in parser.ids.items() if n > 1]
    for target in parser.label_targets:
        tag = parser.tags_by_id.get(target)
        if tag is None:
            problems.append(f'<label for="{target}"> names no element')
        elif tag not in LABELABLE:
            problems.append(f'<label for="{target}"> names a <{tag}>, not a control')
    if check_names:
        labelled = set(parser.label_targets)
        for control in parser.controls:
            if not control["named"] and control["id"] not in labelled:
                problems.append(
                    f"<{control['tag']} name={control['name']!r} id={control['id']!r}> has no label"
                )
    return problems


def test_the_checker_finds_two_forms_with_the_same_field_and_a_control_without_label():
    html = (
        '<form><label for="id_body">Intern anteckning</label><textarea id="id_body" name="body">'
        '</textarea></form><form><textarea id="id_body" name="body"></textarea></form>'
        '<label for="id_gone">X</label><select name="to"></select>'
    )
    problems = markup_problems(html)
    assert '2 elements with id="id_body"' in problems
    assert '<label for="id_gone"> names no element' in problems
    assert "<select name='to' id=None> has no label" in problems


def _pages_for(role, urls):
    if role == "business":
        return [url for url in urls if _public(url)]
    return [url for url in urls if not url.startswith("/admin/") or ADMIN_DEFAULT.match(url)]


def _shape(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.path, frozenset(name for name, _value in parse_qsl(parts.query, True))


@pytest.mark.parametrize("role", ROLES)
def test_no_page_has_a_duplicate_id_or_a_label_for_the_wrong_control(db, settings, role):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    world = build_world()
    client = Client(raise_request_exception=False)
    if world.people[role] is not None:
        client.force_login(world.people[role])
    urls, _unfilled = resolver_urls(world.path_values)
    todo = _pages_for(role, urls)
    seen: set[str] = set()
    shapes: Counter[tuple] = Counter()
    problems: list[str] = []
    checked = 0
    while todo:
        url = todo.pop(0)
        # Two pages per address and set of parameter names: the list sorted by each column,
        # or its pages 2, 3 ..., is the same markup with other rows.
        shape = _shape(url)
        if url in seen or shapes[shape] >= SAME_SHAPE:
            continue
        seen.add(url)
        shapes[shape] += 1
        response = client.get(url)
        if response.status_code != 200:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        checked += 1
        # Django's own admin widgets are checked by the admin's axe test.
        for problem in markup_problems(html, check_names=not url.startswith("/admin/")):
            problems.append(f"{url}: {problem}")
        if len(seen) < 400:
            _forms, links = parse_page(html, url)
            for link in links:
                path = urlsplit(link).path
                if path.startswith("/admin/") or (role == "business" and not _public(path)):
                    continue
                if link not in seen:
                    todo.append(link)
    assert checked > 0
    assert not problems, "\n".join(sorted(set(problems)))
