from django.utils.translation import gettext_lazy as _


class MailinError(Exception):
    """A refused action on incoming mail, with a message for the official."""

    default = _("This mail cannot be handled.")

    def __init__(self, message=None):
        self.message = message or self.default
        super().__init__(str(self.message))


class NotHeld(MailinError):
    default = _("This mail is no longer waiting for an official.")
