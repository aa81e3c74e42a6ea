"""Domain errors of the knowledge bank, each with a translated message a view shows as it is."""

from django.utils.translation import gettext_lazy as _


class KnowledgeError(Exception):
    default_message = _("The change could not be made.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)


class TransitionNotAllowed(KnowledgeError):
    default_message = _("That change of status is not allowed.")


class NotPermitted(KnowledgeError):
    default_message = _("You may not do that with this article.")


class InvalidImport(KnowledgeError):
    default_message = _("The file is not a knowledge-bank export.")
