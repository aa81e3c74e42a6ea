"""Rendering a diploma to PDF with WeasyPrint from the project's own template."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from training.models import Diploma


def _static_roots() -> list[Path]:
    roots = [Path(p) for p in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [r.resolve() for r in roots]


def _allowed(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return False
    path = Path(unquote(parsed.path)).resolve()
    return any(path.is_relative_to(root) for root in _static_roots())


def static_only_fetcher():
    """A WeasyPrint fetcher that reads only the portal's own static files; anything else
    (the network, other local files) is refused."""
    from weasyprint.urls import URLFetcher

    class StaticOnlyURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not _allowed(url):
                raise ValueError(f"Refused to fetch {url!r} while rendering a diploma")
            return super().fetch(url, headers)

    return StaticOnlyURLFetcher(allowed_protocols=("file",), allow_redirects=False)


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3, dark="#000", light="#fff")


def render_diploma_pdf(diploma: Diploma) -> bytes:
    from weasyprint import HTML

    from .diplomas import verification_url

    url = verification_url(diploma.verification_code)
    with translation.override("sv"):
        html = render_to_string(
            "training/diploma_pdf.html",
            {
                "diploma": diploma,
                "snapshot": diploma.snapshot,
                "verify_url": url,
                "qr_svg": mark_safe(qr_svg(url)),  # noqa: S308 - segno's own SVG, no user input
            },
        )
    # Tagged PDF/UA-1: headings, paragraphs and reading order for a screen reader.
    return HTML(string=html, url_fetcher=static_only_fetcher()).write_pdf(pdf_variant="pdf/ua-1")
