"""Domain errors of business development, each with a translated message a view shows as is."""

from django.utils.translation import gettext_lazy as _

from cases.errors import CaseError


class DevelopmentError(CaseError):
    default_message = _("The change could not be made.")


class NotPermitted(DevelopmentError):
    default_message = _("You may not do that.")


class TransitionNotAllowed(DevelopmentError):
    default_message = _("That change of status is not allowed.")
