"""Domain errors of the business owner's door, each with a message a person understands."""

from django.utils.translation import gettext_lazy as _

from cases.errors import CaseError


class PublicError(CaseError):
    default_message = _("Your request could not be handled.")


class CaseClosedForReplies(PublicError):
    default_message = _(
        "This case is closed, so a reply can no longer be added to it. If you have a new "
        "question, submit a new matter and refer to the case number."
    )


class SurveyAlreadyAnswered(PublicError):
    default_message = _("The survey for this case has already been answered. Thank you!")


class CaseTypeNotOffered(PublicError):
    default_message = _("Choose one of the kinds of matter listed.")
