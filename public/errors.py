"""Domain errors of the business owner's door, each with a message a person understands.

The errors of the cases write path the public pages show (``CaseClosedForReplies``,
``CaseTypeNotOffered``) live in ``cases.errors`` and are re-exported here.
"""

from django.utils.translation import gettext_lazy as _

from cases.errors import CaseClosedForReplies, CaseError, CaseTypeNotOffered

__all__ = [
    "CaseClosedForReplies",
    "CaseTypeNotOffered",
    "FormKeyUsedElsewhere",
    "OutsideLinkClosed",
    "PublicError",
    "SurveyAlreadyAnswered",
]


class PublicError(CaseError):
    default_message = _("Your request could not be handled.")


class SurveyAlreadyAnswered(PublicError):
    default_message = _("The survey for this case has already been answered. Thank you!")


class FormKeyUsedElsewhere(PublicError):
    default_message = _(
        "This form was already sent for another matter. Reload the page and send it again."
    )


class OutsideLinkClosed(PublicError):
    """An outside party's link that no longer takes an answer (answered, withdrawn, expired)."""

    default_message = _("This link no longer takes an answer.")
