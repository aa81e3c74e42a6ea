import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import translation

from .public_forms import service_unavailable

logger = logging.getLogger(__name__)


class CookieLocaleMiddleware:
    """Activate the language the user chose, else Swedish.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a Swedish
    municipality's portal speaks Swedish unless the user picks English with the language
    switch (which sets the language cookie through ``set_language``).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class DatabaseUnavailableMiddleware:
    """A database that cannot be reached answers 503 with ``Retry-After``, never the 500 page.

    ``process_exception`` sees what a view (or the template it renders) raised. A public form
    marks its bound form on the request (``keep_on_unavailable_page``) before it touches
    the database, so that the page shows that form again with everything the user typed. The
    page renders without the database (no session, no user, no navigation).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning(
            "Database unreachable on %s %s (%s: %s): answered 503.",
            request.method,
            request.path,
            type(exception).__name__,
            exception,
        )
        form = getattr(request, "public_form", None) if request.method == "POST" else None
        return service_unavailable(request, form=form)


class FriendlyMethodNotAllowedMiddleware:
    """A 405 (an address meant for a form's button, opened in the browser) gets a page that
    says so and leads on, instead of Django's empty body. The ``Allow`` header is kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            from django.shortcuts import render

            friendly = render(request, "405.html", status=405)
            if "Allow" in response.headers:
                friendly["Allow"] = response["Allow"]
            return friendly
        return response
