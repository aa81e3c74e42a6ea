"""The states of the training app's records and the tables of allowed moves, as plain data.

Services consult these tables after locking the row; a move not listed is refused with
``TransitionNotAllowed``. The choices live here (not in the models) so the rules of the course
read in one place; the models and ``training.models`` re-export them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")
    ABANDONED = "abandoned", _("Abandoned")


class ActivityStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class ProposalStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("proposal status", "New")
    ACCEPTED = "accepted", _("Turned into a question")
    REJECTED = "rejected", _("Not taken")


class DiplomaStatus(models.TextChoices):
    ISSUED = "issued", _("Issued")
    REVOKED = "revoked", _("Revoked")


# An attempt is finished when its last question is answered, or abandoned by the nightly sweep
# when its edition closed first. Neither comes back: a retake is a new attempt.
ATTEMPT_MOVES: dict[str, set[str]] = {
    AttemptState.IN_PROGRESS: {AttemptState.FINISHED, AttemptState.ABANDONED},
    AttemptState.FINISHED: set(),
    AttemptState.ABANDONED: set(),
}

# The coordinator approves or returns a submitted activity, once. A returned activity is logged
# again as a new one (its comment stays with the old one).
ACTIVITY_MOVES: dict[str, set[str]] = {
    ActivityStatus.SUBMITTED: {ActivityStatus.APPROVED, ActivityStatus.RETURNED},
    ActivityStatus.APPROVED: set(),
    ActivityStatus.RETURNED: set(),
}

PROPOSAL_MOVES: dict[str, set[str]] = {
    ProposalStatus.NEW: {ProposalStatus.ACCEPTED, ProposalStatus.REJECTED},
    ProposalStatus.ACCEPTED: set(),
    ProposalStatus.REJECTED: set(),
}

# A diploma is issued once (its creation is not a move) and can be revoked; never reinstated,
# because its number and code were already printed as revoked on the public page.
DIPLOMA_MOVES: dict[str, set[str]] = {
    DiplomaStatus.ISSUED: {DiplomaStatus.REVOKED},
    DiplomaStatus.REVOKED: set(),
}


def attempt_move_allowed(current: str, target: str) -> bool:
    return target in ATTEMPT_MOVES.get(current, set())


def activity_move_allowed(current: str, target: str) -> bool:
    return target in ACTIVITY_MOVES.get(current, set())


def proposal_move_allowed(current: str, target: str) -> bool:
    return target in PROPOSAL_MOVES.get(current, set())


def diploma_move_allowed(current: str, target: str) -> bool:
    return target in DIPLOMA_MOVES.get(current, set())
