from .config import Theme, VisitGoal
from .events import DevelopmentEvent, DevelopmentEventKind
from .ideas import Idea, IdeaSource
from .visits import Insight, InsightDigest, InsightKind, Visit, VisitParticipant
from .workshops import WORKSHOP_STEPS, Workshop, WorkshopGuest, WorkshopStep

__all__ = [
    "WORKSHOP_STEPS",
    "DevelopmentEvent",
    "DevelopmentEventKind",
    "Idea",
    "IdeaSource",
    "Insight",
    "InsightDigest",
    "InsightKind",
    "Theme",
    "Visit",
    "VisitGoal",
    "VisitParticipant",
    "Workshop",
    "WorkshopGuest",
    "WorkshopStep",
]
