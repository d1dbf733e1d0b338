from .catalog import Framework, Indicator, Question, RatingBand, SubIndicator, Tool
from .organisations import ItaResult, Membership, Organisation, Unit
from .plans import (
    EvidenceFile,
    EvidenceLink,
    Measure,
    MeasurePlan,
    MeasureStep,
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
