from django.conf import settings

from .navigation import main_navigation


def portal(request):
    """What every page needs: the municipality's name and the menu for this user."""
    user = getattr(request, "user", None)
    return {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "main_navigation": main_navigation(user) if user is not None else [],
    }
