"""Errors as ``application/problem+json`` (RFC 9457), in the request's language (sv or en)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from cases.errors import CaseError, NotPermitted, TransitionNotAllowed

PROBLEM_TYPE = "https://lotsportalen.se/problems/"
CONTENT_TYPE = "application/problem+json"


def problem(*, status_code: int, title: str, detail: str = "", kind: str = "", **extra) -> Response:
    body = {
        "type": PROBLEM_TYPE + kind if kind else "about:blank",
        "title": title,
        "status": status_code,
        **({"detail": detail} if detail else {}),
        **extra,
    }
    return Response(body, status=status_code, content_type=CONTENT_TYPE)


def _titles() -> dict[int, str]:
    return {
        400: _("The request is not valid"),
        401: _("Not signed in"),
        403: _("Not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("The change is not allowed"),
        415: _("Unsupported media type"),
        429: _("Too many requests"),
    }


def problem_exception_handler(exc, context):
    if isinstance(exc, TransitionNotAllowed):
        return problem(
            status_code=409, title=_titles()[409], detail=str(exc), kind="transition-not-allowed"
        )
    if isinstance(exc, NotPermitted):
        return problem(status_code=403, title=_titles()[403], detail=str(exc), kind="not-permitted")
    if isinstance(exc, CaseError):
        return problem(status_code=400, title=_titles()[400], detail=str(exc), kind="refused")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    code = response.status_code
    title = _titles().get(code, _("Error"))
    if isinstance(exc, exceptions.ValidationError):
        return problem(
            status_code=code,
            title=title,
            detail=_("Some fields are not valid."),
            kind="validation",
            errors=exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail},
        )
    detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
    answer = problem(status_code=code, title=title, detail=str(detail))
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            answer[header] = response[header]
    if code == status.HTTP_429_TOO_MANY_REQUESTS:
        answer.data["type"] = PROBLEM_TYPE + "rate-limited"
    return answer
