"""Rendering a diploma to PDF with WeasyPrint from the project's own template."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import segno
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from training.models import Diploma


def restricted_url_fetcher(url: str, *args, **kwargs):
    """Only the portal's own static files may be fetched while rendering; anything else fails."""
    from weasyprint.urls import default_url_fetcher

    parsed = urlparse(url)
    if parsed.scheme == "file":
        path = Path(parsed.path).resolve()
        for root in finders.searched_locations or []:
            if path.is_relative_to(Path(root).resolve()):
                return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"Refused to fetch {url!r} while rendering a diploma")


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
    return HTML(string=html, url_fetcher=restricted_url_fetcher).write_pdf()
