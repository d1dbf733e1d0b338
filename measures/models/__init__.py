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
from .results import DevelopmentApproach, ItaScore
from .rounds import RoundLock, RoundNotes

__all__ = [
    "DevelopmentApproach",
    "EvidenceFile",
    "EvidenceLink",
    "Framework",
    "Indicator",
    "ItaResult",
    "ItaScore",
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
