from django.contrib import admin, messages
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .forms import OrganisationAdminForm
from .models import (
    EvidenceFile,
    EvidenceLink,
    Framework,
    Indicator,
    Invitation,
    ItaResult,
    ItaScore,
    Measure,
    MeasurePlan,
    MeasureStep,
    Membership,
    Organisation,
    ProgressEntry,
    Question,
    RatingBand,
    ReminderSent,
    RoundLock,
    RoundNotes,
    SubIndicator,
    Theme,
    Tool,
    Unit,
)
from .rounds import has_published_entries, round_is_locked

admin.site.site_header = "ITA Portal – ผู้ดูแลระบบ"
admin.site.site_title = "ITA Portal"
admin.site.index_title = "การจัดการข้อมูล"


class RatingBandInline(admin.TabularInline):
    model = RatingBand
    extra = 0


class ToolInline(admin.TabularInline):
    model = Tool
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["fiscal_year", "version", "pass_mark", "status_note"]
    inlines = [ToolInline, RatingBandInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "framework", "weight"]
    list_filter = ["framework"]
    inlines = [IndicatorInline]


class SubIndicatorInline(admin.TabularInline):
    model = SubIndicator
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["number", "name_th", "tool"]
    list_filter = ["tool__framework"]
    inlines = [SubIndicatorInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "text_th", "tool", "indicator", "framework"]
    list_filter = ["framework", "tool__code"]
    search_fields = ["code", "text_th"]
    list_select_related = ["tool", "indicator", "framework"]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    form = OrganisationAdminForm
    list_display = ["name_th", "short_name", "kind", "district", "province", "slug"]
    list_filter = ["kind", "province"]
    search_fields = ["name_th", "short_name", "slug", "province"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "order"]
    list_filter = ["organisation"]
    search_fields = ["name", "organisation__name_th"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "organisation__name_th"]
    filter_horizontal = ["units"]


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


class ItaScoreInline(admin.TabularInline):
    # Scores are entered through the coordinator's pages, which compute the rest by the rules.
    model = ItaScore
    extra = 0
    can_delete = False
    fields = ["tool", "indicator", "sub_indicator", "question", "score", "typed"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ItaResult)
class ItaResultAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "fiscal_year",
        "total_score",
        "rating",
        "computed_total",
        "computed_rating",
    ]
    readonly_fields = ["framework", "computed_total", "computed_rating"]
    inlines = [ItaScoreInline]
    list_filter = ["fiscal_year"]
    search_fields = ["organisation__name_th"]


@admin.register(MeasurePlan)
class MeasurePlanAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "fiscal_year", "framework", "announced_on"]
    list_filter = ["fiscal_year"]
    search_fields = ["organisation__name_th"]
    inlines = [ThemeInline]


class MeasureStepInline(admin.TabularInline):
    model = MeasureStep
    extra = 0


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "plan", "deadline", "withdrawn_at"]
    list_filter = ["plan__fiscal_year", "plan__organisation"]
    search_fields = ["title", "issue"]
    filter_horizontal = ["units", "questions"]
    inlines = [MeasureStepInline]
    # Deleting goes one row at a time, through has_delete_permission: the bulk action would
    # not ask whether a measure's entries were published.
    actions = None

    def has_delete_permission(self, request, obj=None):
        if obj is not None and has_published_entries(obj):
            return False  # withdraw it instead (withdrawn_at)
        return super().has_delete_permission(request, obj)


class EvidenceLinkInline(admin.TabularInline):
    model = EvidenceLink
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class EvidenceFileInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0


@admin.register(ProgressEntry)
class ProgressEntryAdmin(SimpleHistoryAdmin):
    list_display = ["measure", "done_on", "status", "percent", "review_state", "author"]
    list_filter = ["status", "review_state", "measure__plan__fiscal_year"]
    search_fields = ["description"]
    inlines = [EvidenceLinkInline, EvidenceFileInline]
    actions = None

    def _locked(self, obj):
        return obj is not None and round_is_locked(obj.measure.plan, obj.done_on)

    def has_change_permission(self, request, obj=None):
        # An entry of a published round is shown read-only until the round is reopened.
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, object_id)
        if self._locked(entry):
            messages.warning(
                request,
                "รอบรายงานของผลการดำเนินการนี้เผยแพร่แล้ว จึงแก้ไขหรือลบไม่ได้"
                " กรุณาเปิดรอบให้แก้ไขก่อน (หน้าเอกสารประกาศและรายงาน)",
            )
        return super().change_view(request, object_id, form_url, extra_context)


class ReadOnlyAdminMixin:
    """Records the portal's own pages make (publications, round locks, round notes): the admin
    shows them, never adds, changes or deletes them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoundLock)
class RoundLockAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Locks are made by publishing and reopened from the documents page."""

    list_display = ["plan", "months", "locked_at", "locked_by", "reopened_at", "reopened_by"]
    list_filter = ["months"]


@admin.register(RoundNotes)
class RoundNotesAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Typed by the coordinator on the documents page; shown here with their history."""

    list_display = ["plan", "months", "updated_at", "updated_by"]
    list_filter = ["months"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Sent, resent and cancelled by coordinators on their people page."""

    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name_th"]
    exclude = ["token_digest"]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What the daily reminders told whom: one row per item and day."""

    list_display = ["sent_on", "user", "item", "sent_at"]
    date_hierarchy = "sent_on"
    search_fields = ["user__username", "item"]
