"""Every page carries the Content-Security-Policy, and no template needs an exception from it.

The policy refuses inline scripts, event-handler attributes, ``javascript:`` links and inline
styles; the template audit below fails on any of them, so a new one is caught before a browser
silently drops it. The browser side is tests/e2e/test_csp.py.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.cases.factories import a_case

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Not web pages: e-mails are read in mail programs, the diploma template only by WeasyPrint.
NOT_SERVED = ("email/", "training/diploma_pdf.html")

FORBIDDEN = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"),
    "event-handler attribute": re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "inline style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE),
    "<style> block": re.compile(r"<style[\s>]", re.IGNORECASE),
}


def served_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        relative = path.relative_to(TEMPLATES).as_posix()
        if not any(part in relative for part in NOT_SERVED):
            yield relative, path.read_text(encoding="utf-8")


def test_no_served_template_needs_unsafe_inline():
    problems = [
        f"{name}: {kind}: {match.group(0)[:80]}"
        for name, text in served_templates()
        for kind, pattern in FORBIDDEN.items()
        for match in pattern.finditer(text)
    ]
    assert problems == []


def test_the_audit_catches_what_it_looks_for():
    samples = {
        "inline script": "<script>alert(1)</script>",
        "event-handler attribute": '<button onclick="go()">',
        "javascript: URL": '<a href="javascript:void(0)">',
        "inline style attribute": '<p class="x" style="color: red">',
        "<style> block": "<style>p{}</style>",
    }
    for kind, sample in samples.items():
        assert FORBIDDEN[kind].search(sample), kind
    assert not FORBIDDEN["inline script"].search('<script src="/static/js/charts.js" defer>')
    assert not FORBIDDEN["inline style attribute"].search('<div data-style="x">')


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(client):
    page = client.get("/").content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', page)
    assert config, "base.html must configure htmx"
    assert '"includeIndicatorStyles": false' in config.group(1)
    assert '"allowEval": false' in config.group(1)


def named_urls_without_arguments():
    """Every URL name of the portal that takes no argument (admin and media excluded)."""

    def walk(patterns, namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    continue
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groups:
                yield namespace + entry.name

    return sorted(set(walk(get_resolver().url_patterns)))


@pytest.mark.parametrize("who", ["anonymous", "official", "admin"])
def test_every_html_page_carries_the_policy(client, who, lots, admin_user):
    if who == "official":
        client.force_login(lots)
    elif who == "admin":
        client.force_login(admin_user)
    case = a_case(by=lots)
    paths = [reverse(name) for name in named_urls_without_arguments()]
    paths += [
        reverse("cases:detail", args=[case.pk]),
        "/admin/",
        "/admin/cases/case/",
        f"/admin/cases/case/{case.pk}/change/",
        "/finns-inte/",
    ]
    html_pages = 0
    for path in paths:
        response = client.get(path)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html_pages += 1
        assert response["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY, path
    assert html_pages > 10


def test_the_policy_refuses_inline_code_and_framing():
    policy = dict(
        directive.strip().split(" ", 1) for directive in settings.CONTENT_SECURITY_POLICY.split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in settings.CONTENT_SECURITY_POLICY


def test_error_pages_carry_the_policy_too(client):
    response = client.post(
        "/konto/logga-in/",
        data="x" * (settings.REQUEST_BODY_MAX_BYTES + 1),
        content_type="text/plain",
    )
    assert response.status_code == 413
    assert response["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY
