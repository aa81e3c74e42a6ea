"""The states of a company visit and of an improvement idea, and the tables of allowed moves,
as plain data (CONVENTIONS rule 3). Services consult them after locking the row; a move not
listed is refused with ``TransitionNotAllowed``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class IdeaStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PREPARING = "preparing", _("Being prepared")
    DECIDED = "decided", _("Decided")
    IMPLEMENTING = "implementing", _("Being implemented")
    REALISED = "realised", _("Realised")
    REJECTED = "rejected", _("Rejected")


# A planned visit is held or cancelled; a visit registered as held by mistake can still be
# cancelled (its LOTS-year activities are then withdrawn). A cancelled visit stays cancelled.
VISIT_MOVES: dict[str, set[str]] = {
    VisitStatus.PLANNED: {VisitStatus.HELD, VisitStatus.CANCELLED},
    VisitStatus.HELD: {VisitStatus.CANCELLED},
    VisitStatus.CANCELLED: set(),
}

IDEA_MOVES: dict[str, set[str]] = {
    IdeaStatus.PROPOSED: {IdeaStatus.PREPARING, IdeaStatus.REJECTED},
    IdeaStatus.PREPARING: {IdeaStatus.DECIDED, IdeaStatus.REJECTED},
    IdeaStatus.DECIDED: {IdeaStatus.IMPLEMENTING, IdeaStatus.REJECTED},
    IdeaStatus.IMPLEMENTING: {IdeaStatus.REALISED, IdeaStatus.REJECTED},
    IdeaStatus.REALISED: set(),
    # Reopening: a rejected idea is taken up again as a proposal.
    IdeaStatus.REJECTED: {IdeaStatus.PROPOSED},
}

# A rejection must say why.
MOVES_NEEDING_A_REASON = frozenset({IdeaStatus.REJECTED})
OPEN_IDEA_STATUSES = frozenset(
    {IdeaStatus.PROPOSED, IdeaStatus.PREPARING, IdeaStatus.DECIDED, IdeaStatus.IMPLEMENTING}
)


def visit_move_allowed(current: str, target: str) -> bool:
    return target in VISIT_MOVES.get(current, set())


def idea_move_allowed(current: str, target: str) -> bool:
    return target in IDEA_MOVES.get(current, set())
