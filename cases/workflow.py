"""The states of a case and of a referral, and the table of allowed moves, as plain data.

Services consult these tables after locking the row; a move not listed is refused with
``TransitionNotAllowed``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    WAITING = "waiting", _("Waiting for the business")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


CASE_MOVES: dict[str, set[str]] = {
    CaseStatus.NEW: {CaseStatus.OPEN, CaseStatus.WAITING, CaseStatus.DECIDED, CaseStatus.CLOSED},
    CaseStatus.OPEN: {CaseStatus.WAITING, CaseStatus.DECIDED, CaseStatus.CLOSED},
    CaseStatus.WAITING: {CaseStatus.OPEN, CaseStatus.DECIDED, CaseStatus.CLOSED},
    # Reopening: a decided or closed case can be taken up again.
    CaseStatus.DECIDED: {CaseStatus.OPEN, CaseStatus.CLOSED},
    CaseStatus.CLOSED: {CaseStatus.OPEN},
}

REFERRAL_MOVES: dict[str, set[str]] = {
    ReferralStatus.SENT: {
        ReferralStatus.ACCEPTED,
        ReferralStatus.ANSWERED,
        ReferralStatus.DECLINED,
        ReferralStatus.WITHDRAWN,
    },
    ReferralStatus.ACCEPTED: {
        ReferralStatus.ANSWERED,
        ReferralStatus.DECLINED,
        ReferralStatus.WITHDRAWN,
    },
    ReferralStatus.ANSWERED: set(),
    ReferralStatus.DECLINED: set(),
    ReferralStatus.WITHDRAWN: set(),
}

# Statuses in which a case is still being worked on (deadlines and reminders apply).
ACTIVE_CASE_STATUSES = frozenset({CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING})
FINISHED_CASE_STATUSES = frozenset({CaseStatus.DECIDED, CaseStatus.CLOSED})
# Referrals the receiving department still has to act on.
OPEN_REFERRAL_STATUSES = frozenset({ReferralStatus.SENT, ReferralStatus.ACCEPTED})
# A referral that can be sent on to another department.
REROUTABLE_REFERRAL_STATUSES = frozenset(
    {ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.DECLINED}
)


def case_move_allowed(current: str, target: str) -> bool:
    return target in CASE_MOVES.get(current, set())


def referral_move_allowed(current: str, target: str) -> bool:
    return target in REFERRAL_MOVES.get(current, set())
