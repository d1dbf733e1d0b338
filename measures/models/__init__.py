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
    "SubIndicator",
    "Theme",
    "Tool",
    "Unit",
]
