"""The texts django-axes shows in the admin (its models and fields), for our catalogue.

django-axes ships no Swedish translation. Its models call ``gettext`` with these msgids, and
Django looks them up in every catalogue, ours (``LOCALE_PATHS``) first: listing them here puts
them in ``locale/sv/LC_MESSAGES/django.po`` at ``makemessages``, where they get Swedish.
"""

from django.utils.translation import gettext_noop

AXES_TEXTS = (
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Access Attempt"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
)
