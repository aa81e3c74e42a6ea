"""Domain errors of the knowledge bank, each with a translated message a view shows as it is."""

from django.utils.translation import gettext_lazy as _

from lotsportal.errors import DomainError


class KnowledgeError(DomainError):
    """A refused change of the knowledge bank (the message is ``DomainError``'s)."""


class TransitionNotAllowed(KnowledgeError):
    default_message = _("That change of status is not allowed.")


class NotPermitted(KnowledgeError):
    default_message = _("You may not do that with this article.")


class InvalidImport(KnowledgeError):
    default_message = _("The file is not a knowledge-bank export.")
