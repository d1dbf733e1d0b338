"""Forms of the staff pages: Thai labels, Thai error messages that say what to fix.

Fields clean to domain types (a date from a Thai date string, an int from Thai digits); the
services do the saving. Choices of units and questions come only from the user's own
organisation and the plan's framework, so an id of another organisation typed into a request is
refused like any other invalid choice.
"""

from .base import (
    ThaiDateField,
    ThaiForm,
    ThaiFormSet,
    ThaiIntegerField,
    ThaiPeriodField,
    VersionField,
    VersionOnlyForm,
)
from .entries import (
    USUAL_PERCENT,
    CheckedUpload,
    EntryForm,
    LinkForm,
    LinkFormSet,
    ReviewForm,
    links_from,
)
from .invitations import InvitationForm, JoinForm, ReminderSettingsForm
from .people import MemberForm, OrganisationAdminForm, UnitForm
from .plans import (
    MeasureForm,
    MonitoringForm,
    MonitoringFormSet,
    PlanForm,
    StepForm,
    StepFormSet,
    monitoring_from,
    monitoring_initial,
    steps_from,
)

__all__ = [
    "USUAL_PERCENT",
    "CheckedUpload",
    "EntryForm",
    "InvitationForm",
    "JoinForm",
    "LinkForm",
    "LinkFormSet",
    "MeasureForm",
    "MemberForm",
    "MonitoringForm",
    "MonitoringFormSet",
    "OrganisationAdminForm",
    "PlanForm",
    "ReminderSettingsForm",
    "ReviewForm",
    "StepForm",
    "StepFormSet",
    "ThaiDateField",
    "ThaiForm",
    "ThaiFormSet",
    "ThaiIntegerField",
    "ThaiPeriodField",
    "UnitForm",
    "VersionField",
    "VersionOnlyForm",
    "links_from",
    "monitoring_from",
    "monitoring_initial",
    "steps_from",
]
