"""Two guards in front of every request: the Content-Security-Policy and the body-size limit.

Both sit at the top of ``MIDDLEWARE`` (docs/operations.md, "Headers and limits"). Neither
reads the request body, so the body limit answers before anything else (CSRF, forms) does.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation

GetResponse = Callable[[HttpRequest], HttpResponse]

# Read a body without Content-Length in pieces of this size (never more than limit + 1 bytes).
_CHUNK = 64 * 1024
# A body without Content-Length is kept in memory up to this size, then in a temporary file.
_SPOOL_IN_MEMORY = 1024 * 1024


class ContentSecurityPolicyMiddleware:
    """Send ``settings.CONTENT_SECURITY_POLICY`` with every response that has none yet.

    The policy is one fixed string (no nonces): the templates carry no inline script, no
    event-handler attribute and no inline style, and htmx is configured not to inject its
    indicator styles or evaluate code (``<meta name="htmx-config">`` in base.html).
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY
        self.header = (
            "Content-Security-Policy-Report-Only"
            if settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
            else "Content-Security-Policy"
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault(self.header, self.policy)
        return response


class RequestBodyLimitMiddleware:
    """Refuse a request body above its limit with 413 before anything reads it.

    The limit is ``REQUEST_BODY_MAX_BYTES``, or for the URL names in
    ``REQUEST_BODY_UPLOAD_LIMITS`` (the pages that take files) the larger value given there.
    A declared ``Content-Length`` above the limit is refused at once, without reading a byte.
    A body without one (``Transfer-Encoding: chunked``, from a server that marks the end of
    the stream, ``wsgi.input_terminated``) is read in pieces up to the limit and refused as
    soon as it goes over; within the limit it is handed on with its length set, so Django
    parses it like any other.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.default_limit: int = settings.REQUEST_BODY_MAX_BYTES
        self.upload_limits: dict[str, int] = dict(settings.REQUEST_BODY_UPLOAD_LIMITS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared:
            try:
                length = int(declared)
            except ValueError:
                length = -1
            if length < 0:
                return HttpResponse(status=400)
            if length > self.default_limit and length > self.limit_for(request):
                return self.refuse(request)
        elif (
            "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
            # Only a server that ends the stream at the body's end (gunicorn does) can be read
            # without a length; otherwise Django reads no body at all, and neither do we.
            and request.META.get("wsgi.input_terminated")
        ):
            if not self.read_unsized_body(request, self.limit_for(request)):
                return self.refuse(request)
        return self.get_response(request)

    def limit_for(self, request: HttpRequest) -> int:
        try:
            view_name = resolve(request.path_info).view_name
        except Resolver404:
            return self.default_limit
        return max(self.default_limit, self.upload_limits.get(view_name, 0))

    @staticmethod
    def read_unsized_body(request: HttpRequest, limit: int) -> bool:
        """Read a body sent without Content-Length; False as soon as it passes ``limit``."""
        source = request.META["wsgi.input"]
        spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)
        size = 0
        while True:
            piece = source.read(min(_CHUNK, limit + 1 - size))
            if not piece:
                break
            size += len(piece)
            if size > limit:
                spool.close()
                return False
            spool.write(piece)
        spool.seek(0)
        request.META["CONTENT_LENGTH"] = str(size)
        request._stream = spool  # type: ignore[assignment]  # what WSGIRequest reads from
        request._read_started = False  # type: ignore[attr-defined]
        return True

    def refuse(self, request: HttpRequest) -> HttpResponse:
        # This runs before the language middleware: use the visitor's chosen language here too.
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        with translation.override(language):
            response = render(
                request,
                "413.html",
                {"limit": self.limit_for(request)},
                status=413,
            )
        response.headers["Content-Language"] = language
        # Said here, as no inner middleware sees this answer: the client knows where it ends
        # without waiting for the connection to close (gunicorn's threads keep it alive).
        response.headers["Content-Length"] = str(len(response.content))
        return response
