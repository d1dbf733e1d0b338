from .catalog import Framework, Indicator, Question, RatingBand, SubIndicator, Tool
from .organisations import Membership, Organisation, Unit
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
