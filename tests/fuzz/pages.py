"""What there is to fuzz: the addresses of the URL resolver, and the forms and links of a page.

Addresses come from ``get_resolver()``, so a new page is fuzzed without touching this file; its
path parameters are filled from the fixture world (a parameter the world cannot fill fails the
run, naming the view, so a new kind of address gets a real object rather than being skipped).
Forms are read from the rendered page with ``html.parser``: inputs, selects and textareas, with
the value a person would leave in each, so that a mutated field is the only wrong one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

# Patterns that are not pages of the portal (the admin's catch-all redirect, Django's views).
SKIP_VIEWS = {"admin:view_on_site", "set_language"}


@dataclass
class Field:
    name: str
    kind: str  # text, email, date, number, select, checkbox, radio, file, hidden, textarea, ...
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    hidden_from_people: bool = False  # a honeypot (tabindex -1): a person leaves it as it is


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field]

    def valid_data(self) -> dict[str, object]:
        """What a person would send without touching anything but the obvious."""
        data: dict[str, object] = {}
        for f in self.fields.values():
            if f.kind == "file":
                continue
            if f.kind in ("checkbox", "radio"):
                if f.value:
                    data[f.name] = f.value
                elif f.options:
                    data[f.name] = f.options[0]
            elif f.kind == "select":
                chosen = f.value or next((o for o in f.options if o), "")
                data[f.name] = chosen
            elif f.hidden_from_people:
                data[f.name] = f.value
            else:
                data[f.name] = f.value.strip("\n") or _plausible(f)
        return data


PLAUSIBLE = {
    "email": "kim@cafetorget.example",
    "date": "2026-06-01",
    "number": "1",
    "tel": "070-123 45 67",
    "password": "Ett-bra-lösenord-42",
    "url": "https://example.org/",
}


# What a person types in a field of this name (a form refuses "Hej" as an organisationsnummer,
# and then never stores what the fuzzer put in the field next to it).
PLAUSIBLE_BY_NAME = {
    "org_number": "556036-0793",
    "phone": "070-123 45 67",
    "postal_code": "123 45",
}


def _plausible(f: Field) -> str:
    for part, value in PLAUSIBLE_BY_NAME.items():
        if part in f.name:
            return value
    if f.kind == "textarea":
        return "Vi vill ha en uteservering med åtta bord på torget från maj."
    return PLAUSIBLE.get(f.kind, "Café Torget")


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None
        self._checked: set[int] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "hx-get", "src"):
            if a.get(key):
                self.links.append(a[key])
        if a.get("hx-post"):
            self.forms.append(Form("post", a["hx-post"], {}))
        if tag == "form":
            self._form = Form((a.get("method") or "get").lower(), a.get("action") or "", {})
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                if a.get("value"):
                    self._form.fields.setdefault(name, Field(name, "submit", a["value"]))
                return
            known = self._form.fields.get(name)
            if kind in ("checkbox", "radio") and known is not None:
                known.options.append(a.get("value", "on"))
                if "checked" in a:
                    known.value = known.value or a.get("value", "on")
                return
            f = Field(
                name, kind, a.get("value") or "", hidden_from_people=a.get("tabindex") == "-1"
            )
            if kind in ("checkbox", "radio"):
                f.options = [a.get("value", "on")]
                f.value = a.get("value", "on") if "checked" in a else ""
            self._form.fields[name] = f
        elif tag == "select" and name:
            self._select = Field(name, "select", multiple="multiple" in a)
            self._form.fields[name] = self._select
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select.options.append(value)
            if "selected" in a and not self._select.value:
                self._select.value = value
        elif tag == "textarea" and name:
            self._textarea = Field(name, "textarea")
            self._form.fields[name] = self._textarea

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse_page(html: str, page_url: str) -> tuple[list[Form], list[str]]:
    """The forms (actions made absolute paths) and the same-site links of a page."""
    parser = _PageParser()
    parser.feed(html)
    for form in parser.forms:
        form.action = _local(urljoin(page_url, form.action or page_url)) or page_url
    links = [url for url in (_local(urljoin(page_url, link)) for link in parser.links) if url]
    return parser.forms, links


def _local(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith("/static/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def query_names(url: str) -> list[str]:
    return [name for name, _value in parse_qsl(urlsplit(url).query, keep_blank_values=True)]


def _patterns(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _patterns(p.url_patterns, inner)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", p


def _parameters(pattern: URLPattern) -> list[str]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return list(converters)
    return list(pattern.pattern.regex.groupindex)


def _object_ids(pattern: URLPattern) -> list[object]:
    """For an admin change/delete/history page: the first row of its model."""
    model_admin = getattr(pattern.callback, "model_admin", None)
    if model_admin is None:
        return []
    first = model_admin.model._default_manager.order_by("pk").first()
    return [first.pk] if first is not None else []


def resolver_urls(path_values: dict[str, dict[str, list]]) -> tuple[list[str], list[str]]:
    """Every address of the resolver with its parameters filled; and the views left unfilled."""
    urls: list[str] = []
    unfilled: list[str] = []
    for view, pattern in _patterns(get_resolver().url_patterns):
        if view in SKIP_VIEWS:
            continue
        names = _parameters(pattern)
        choices = []
        for name in names:
            values = path_values.get(view, {}).get(name) or path_values["*"].get(name)
            if values is None and name in ("object_id", "id"):
                values = _object_ids(pattern)
            if not values:
                break
            choices.append([(name, str(v)) for v in values])
        if len(choices) < len(names):
            if not view.startswith("admin:"):  # an admin page of an empty model: no row to show
                unfilled.append(view)
            continue
        for combination in itertools.product(*choices):
            try:
                urls.append(reverse(view, kwargs=dict(combination)))
            except NoReverseMatch:
                unfilled.append(view)
    return sorted(set(urls)), unfilled
