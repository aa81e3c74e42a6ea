"""The training app's data, split along its seams: the question bank, the course editions,
the participants' attempts, the practical LOTS year, diplomas and proposals."""

from .attempts import Attempt, AttemptItem, AttemptState, CourseResult, TopicResult
from .bank import Choice, QuestionEntry, QuestionType, QuestionVersion, Topic, VersionStatus
from .course import (
    Course,
    CourseQuestion,
    FeedbackMode,
    PracticalRequirement,
    RequirementKind,
)
from .diplomas import Diploma, DiplomaStatus
from .events import TrainingEvent, TrainingEventKind
from .practical import ActivityStatus, PracticalActivity
from .proposals import ProposalStatus, QuestionProposal
from .statistics import QuestionStatistic

__all__ = [
    "ActivityStatus",
    "Attempt",
    "AttemptItem",
    "AttemptState",
    "Choice",
    "Course",
    "CourseQuestion",
    "CourseResult",
    "Diploma",
    "DiplomaStatus",
    "FeedbackMode",
    "PracticalActivity",
    "PracticalRequirement",
    "ProposalStatus",
    "QuestionEntry",
    "QuestionProposal",
    "QuestionStatistic",
    "QuestionType",
    "QuestionVersion",
    "RequirementKind",
    "Topic",
    "TopicResult",
    "TrainingEvent",
    "TrainingEventKind",
    "VersionStatus",
]
