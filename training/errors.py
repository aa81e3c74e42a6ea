"""Domain errors of the training app. Each carries a translated message that a view shows as it
is; ``NotPermitted`` is shown as a 403 page, ``NotFound`` as a 404 page, the others on the page
the user was on."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class TrainingError(Exception):
    """A refused action; ``message`` is translated and shown to the user as it is."""

    default_message: str | Promise = _("The change could not be made.")

    def __init__(self, message: str | Promise | None = None):
        self.message = message or self.default_message
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)


class TransitionNotAllowed(TrainingError):
    """The moves table does not allow the change (e.g. approving an approved activity)."""

    default_message = _("That change of status is not allowed.")


class NotPermitted(TrainingError):
    """The user's role does not allow it: shown as the friendly 403 page."""

    default_message = _("Only the LOTS coordinator may do that.")


class NotFound(TrainingError):
    """Not there, or not the user's to see: shown as the 404 page."""

    default_message = _("The page was not found.")
