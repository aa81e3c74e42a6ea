"""The training part of the admin: a view like any other.

It opens only to staff accounts that are LOTS coordinators (``permissions.can_administer_training``,
asked together with Django's model permissions, so it never opens wider than either), and its
querysets go through ``permissions.coordinated`` like the coordinator pages' selectors.

The domain records (attempts and results, practical activities, proposals, diplomas, the event
history) are read-only here: their states change only through the services, which the actions
call with the same permission checks, event and follow-ups as the portal (approving an
activity here can issue the diploma; nobody approves their own activity, not even a superuser).
The question bank and the editions are configuration and stay editable.

The admin is split by topic: ``base`` (who it opens to, the read-only records), ``question_bank``,
``courses`` and ``records``; importing this package registers them all.
"""

from .base import CoordinatorAdmin, DomainRecordAdmin
from .courses import CourseAdmin
from .question_bank import QuestionEntryAdmin, QuestionVersionAdmin, TopicAdmin
from .records import (
    AttemptAdmin,
    CourseResultAdmin,
    DiplomaAdmin,
    PracticalActivityAdmin,
    QuestionProposalAdmin,
    QuestionStatisticAdmin,
    TopicResultAdmin,
    TrainingEventAdmin,
)

__all__ = [
    "AttemptAdmin",
    "CoordinatorAdmin",
    "CourseAdmin",
    "CourseResultAdmin",
    "DiplomaAdmin",
    "DomainRecordAdmin",
    "PracticalActivityAdmin",
    "QuestionEntryAdmin",
    "QuestionProposalAdmin",
    "QuestionStatisticAdmin",
    "QuestionVersionAdmin",
    "TopicAdmin",
    "TopicResultAdmin",
    "TrainingEventAdmin",
]
