from django.shortcuts import redirect, render
from django.templatetags.static import static

from accounts.selectors import memberships_for_start_page


def home(request):
    """The start page: a visitor sees the doors in; an official sees their own start page."""
    if not request.user.is_authenticated:
        return render(request, "home_public.html")
    return render(
        request,
        "home.html",
        {"memberships": memberships_for_start_page(user=request.user)},
    )


def accessibility_statement(request):
    return render(request, "accessibility.html")


def rate_limited(request, exception):
    """Too many requests from one address (django-ratelimit): a clear page, status 429."""
    return render(request, "429.html", status=429)


def favicon(request):
    """``/favicon.ico``, asked for by browsers on every page: the icon among the static files."""
    return redirect(static("favicon.ico"), permanent=False)
