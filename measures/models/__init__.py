from .catalog import Framework, Indicator, Question, RatingBand, SubIndicator, Tool
from .organisations import ItaResult, Membership, Organisation, Unit
from .plans import (
    EvidenceFile,
    EvidenceLink,
    Measure,
    MeasurePlan,
    MeasureStep,
    MonitoringItem,
    ProgressEntry,
    Theme,
)
from .rounds import RoundLock, RoundNotes

__all__ = [
    "EvidenceFile",
    "EvidenceLink",
    "Framework",
    "Indicator",
    "ItaResult",
    "Measure",
    "MeasurePlan",
    "MeasureStep",
    "Membership",
    "MonitoringItem",
    "Organisation",
    "ProgressEntry",
    "Question",
    "RatingBand",
    "RoundLock",
    "RoundNotes",
    "SubIndicator",
    "Theme",
    "Tool",
    "Unit",
]
