"""The portal's own address, for links in e-mails, diplomas and receipts.

``SITE_URL`` when it is set. In the newcomer's mode (no ``DATABASE_URL``, no ``SITE_URL``) the
portal may be served on any port (``runserver 0.0.0.0:8080``), so links are built from the
request being answered: its scheme and host, which Django checks against ``ALLOWED_HOSTS``
(a forged ``Host`` header is refused with 400 before it can reach a link). Work done inside a
request (eager tasks in that mode) sees the same address; outside one, ``SITE_URL``'s default.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings

_request_origin: ContextVar[str] = ContextVar("request_origin", default="")


def site_url() -> str:
    if settings.SITE_URL_FROM_REQUEST and _request_origin.get():
        return _request_origin.get()
    return settings.SITE_URL


class SiteUrlFromRequestMiddleware:
    """In the newcomer's mode, remember the request's origin while it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.SITE_URL_FROM_REQUEST:
            return self.get_response(request)
        token = _request_origin.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _request_origin.reset(token)
