"""“Det här har vi förbättrat”: the public page of realised improvements (no personal data)."""

from __future__ import annotations

from django.shortcuts import render

from .. import selectors


def improvements(request):
    rows = list(selectors.public_improvements()[:200])
    return render(request, "development/public/improvements.html", {"ideas": rows})
