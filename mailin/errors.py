from django.utils.translation import gettext_lazy as _

from lotsportal.errors import DomainError


class MailinError(DomainError):
    """A refused action on incoming mail, with a message for the official."""

    default_message = _("This mail cannot be handled.")


class NotHeld(MailinError):
    default_message = _("This mail is no longer waiting for an official.")
