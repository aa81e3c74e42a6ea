import logging
import sys

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views import defaults

from accounts.selectors import memberships_for_start_page

from .public_forms import service_unavailable
from .search import search_everywhere
from .tiles import start_page_tiles

logger = logging.getLogger(__name__)


def home(request):
    """The start page: a visitor sees the doors in; an official sees their own start page."""
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    return render(
        request,
        "home.html",
        {
            "memberships": memberships_for_start_page(user=request.user),
            "count_tiles": start_page_tiles(request.user),
        },
    )


@login_required
def search(request):
    """The header search: every registered provider's hits; an exact match (a full case
    number) goes straight to its page."""
    results = search_everywhere(request.user, request.GET.get("q", ""))
    if results.exact_url:
        return redirect(results.exact_url)
    return render(request, "search.html", {"results": results, "header_query": results.text})


def accessibility_statement(request):
    return render(request, "accessibility.html")


def rate_limited(request, exception):
    """Too many requests from one address (django-ratelimit): a clear page, status 429."""
    return render(request, "429.html", status=429)


def server_error(request):
    """The 500 handler; a database that cannot be reached still answers 503, not 500.

    ``DatabaseUnavailableMiddleware`` turns what a view raises into the 503 page; what a
    middleware or an error page raises (a 404 page whose navigation reads the user, a session
    saved on the way out) reaches this handler instead, while the exception is being handled.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        logger.warning(
            "Database unreachable outside a view on %s %s (%s): answered 503.",
            request.method,
            request.path,
            type(exception).__name__,
        )
        return service_unavailable(request)
    return defaults.server_error(request)


def favicon(request):
    """``/favicon.ico``, asked for by browsers on every page: the icon among the static files."""
    return redirect(static("favicon.ico"), permanent=False)
