"""What every business-development view shares."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import permissions


def require_official(user) -> None:
    if not permissions.is_official(user):
        raise Http404


def refuse(request, error, template: str, context: dict):
    """Show a domain error on the page, the form keeping what was typed (400)."""
    messages.error(request, str(error))
    return render(request, template, context, status=400)


def form_error(request, template: str, context: dict):
    messages.error(request, _("Please correct the marked fields."))
    return render(request, template, context, status=400)
