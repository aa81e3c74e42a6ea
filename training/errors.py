"""Domain errors of the training app. Each carries a translated message that a view shows as it
is; ``NotPermitted`` is shown as a 403 page, ``NotFound`` as a 404 page, the others on the page
the user was on."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lotsportal.errors import DomainError


class TrainingError(DomainError):
    """A refused action; ``message`` is translated and shown to the user as it is."""


class TransitionNotAllowed(TrainingError):
    """The moves table does not allow the change (e.g. approving an approved activity)."""

    default_message = _("That change of status is not allowed.")


class NotPermitted(TrainingError):
    """The user's role does not allow it: shown as the friendly 403 page."""

    default_message = _("Only the LOTS coordinator may do that.")


class NotFound(TrainingError):
    """Not there, or not the user's to see: shown as the 404 page."""

    default_message = _("The page was not found.")
