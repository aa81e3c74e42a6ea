"""Domain errors. Each carries a translated message that a view can show as it is."""

from django.utils.translation import gettext_lazy as _

from lotsportal.errors import DomainError


class CaseError(DomainError):
    """A refused change of the cases app (the message is ``DomainError``'s)."""


class TransitionNotAllowed(CaseError):
    default_message = _("That change of status is not allowed.")


class NotPermitted(CaseError):
    default_message = _("You may not do that on this case.")


class InvalidIdentifier(CaseError):
    default_message = _("That is not a valid organisationsnummer or personnummer.")


class AttachmentRejected(CaseError):
    default_message = _("The file was not accepted.")


class CaseTypeNotOffered(CaseError):
    """The public form only takes the case types marked active and public."""

    default_message = _("Choose one of the kinds of matter listed.")


class CaseClosedForReplies(CaseError):
    """The business can no longer add to a decided or closed case."""

    default_message = _(
        "This case is closed, so a reply can no longer be added to it. If you have a new "
        "question, submit a new matter and refer to the case number."
    )
