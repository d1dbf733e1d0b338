from .catalog import Framework, Indicator, Question, RatingBand, SubIndicator, Tool
from .entries import EvidenceFile, EvidenceLink, ProgressEntry
from .invitations import Invitation, Profile, ReminderSent
from .organisations import ItaResult, Membership, Organisation, Unit
from .pending_uploads import PendingUpload
from .plans import Measure, MeasurePlan, MeasureStep, MonitoringItem, Theme
from .results import DevelopmentApproach, ItaScore
from .rounds import RoundLock, RoundNotes
from .search import SearchDocument

__all__ = [
    "DevelopmentApproach",
    "EvidenceFile",
    "EvidenceLink",
    "Framework",
    "Indicator",
    "Invitation",
    "ItaResult",
    "ItaScore",
    "Measure",
    "MeasurePlan",
    "MeasureStep",
    "Membership",
    "MonitoringItem",
    "Organisation",
    "PendingUpload",
    "Profile",
    "ProgressEntry",
    "Question",
    "RatingBand",
    "ReminderSent",
    "RoundLock",
    "RoundNotes",
    "SearchDocument",
    "SubIndicator",
    "Theme",
    "Tool",
    "Unit",
]
