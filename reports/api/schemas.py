"""The shapes the API answers with; django-ninja writes the OpenAPI schema from them."""

from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from ninja import Field, Schema

from measures.models import Organisation as OrganisationModel


def _absolute(context, path):
    return context["request"].build_absolute_uri(path)


class OrganisationFilter(Schema):
    province: str | None = Field(None, description="จังหวัด เช่น ขอนแก่น · province, in Thai")
    kind: OrganisationModel.Kind | None = Field(
        None,
        description="ประเภท · kind: "
        + ", ".join(f"{kind.value} ({kind.label})" for kind in OrganisationModel.Kind),
    )


class Organisation(Schema):
    slug: str
    name_th: str
    short_name: str
    kind: str
    kind_th: str
    district: str
    province: str
    website: str
    url: str

    @staticmethod
    def resolve_kind_th(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_url(obj, context):
        return _absolute(context, obj.get_absolute_url())


class Plan(Schema):
    fiscal_year: int
    framework_year: int
    framework_version: int
    announced_on: date | None
    measure_count: int

    @staticmethod
    def resolve_framework_year(obj):
        return obj.framework.fiscal_year

    @staticmethod
    def resolve_framework_version(obj):
        return obj.framework.version


class QuestionRef(Schema):
    code: str
    text_th: str


class Measure(Schema):
    number: int
    theme: str | None
    title: str
    issue: str
    questions: list[QuestionRef]
    all_units: bool
    units: list[str]
    responsible_note: str
    steps: list[str]
    monitoring: str
    deadline: date | None
    deadline_precision: str
    # None when the plan gives no period (never filled in with the whole year).
    period_start: date | None
    period_end: date | None
    expected_outcome: str

    @staticmethod
    def resolve_theme(obj):
        return str(obj.theme) if obj.theme else None

    @staticmethod
    def resolve_questions(obj):
        return list(obj.questions.all())

    @staticmethod
    def resolve_units(obj):
        return [unit.name for unit in obj.units.all()]

    @staticmethod
    def resolve_steps(obj):
        return [step.text for step in obj.steps.all()]


class EvidenceLink(Schema):
    title: str
    url: str


class ProgressEntry(Schema):
    measure_number: int
    done_on: date
    # "month": done_on is the month's first day; "round": the round's last day (the source
    # gave no day). A blank status and a null percent: the source gave none.
    date_precision: str
    rounds: list[int]
    status: str
    status_th: str
    percent: int | None
    description: str
    links: list[EvidenceLink]

    @staticmethod
    def resolve_measure_number(obj):
        return obj.measure.number

    @staticmethod
    def resolve_status_th(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_links(obj):
        return list(obj.links.all())


class Document(Schema):
    fiscal_year: int
    kind: str
    kind_th: str
    revision: int
    latest: bool
    title: str
    published_at: datetime
    size: int
    sha256: str
    url: str
    revision_url: str
    page_url: str

    @staticmethod
    def resolve_fiscal_year(obj):
        return obj.plan.fiscal_year

    @staticmethod
    def resolve_kind_th(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_latest(obj):
        return obj.revision == obj.latest_revision

    @staticmethod
    def resolve_url(obj, context):
        """The stable link: always the latest revision of this document."""
        args = [obj.plan.organisation.slug, obj.plan.fiscal_year, obj.kind]
        return _absolute(context, reverse("reports:publication-pdf", args=args))

    @staticmethod
    def resolve_revision_url(obj, context):
        return _absolute(context, obj.get_absolute_url())

    @staticmethod
    def resolve_page_url(obj, context):
        args = [obj.plan.organisation.slug, obj.plan.fiscal_year, obj.kind, obj.revision]
        return _absolute(context, reverse("reports:publication-revision", args=args))


class FrameworkSummary(Schema):
    fiscal_year: int
    version: int
    status_note: str
    pass_mark: Decimal


class RatingBand(Schema):
    rating: str
    min_score: Decimal


class SubIndicator(Schema):
    number: str
    name_th: str


class Indicator(Schema):
    number: int
    name_th: str
    sub_indicators: list[SubIndicator]

    @staticmethod
    def resolve_sub_indicators(obj):
        return list(obj.sub_indicators.all())


class Tool(Schema):
    code: str
    name_th: str
    weight: Decimal | None
    indicators: list[Indicator]

    @staticmethod
    def resolve_indicators(obj):
        return list(obj.indicators.all())


class Question(Schema):
    code: str
    tool: str
    indicator: int | None
    sub_indicator: str | None
    text_th: str
    # For OIT items: which of the portal's documents answer it (see the ITAS answer sheet).
    answered_by: list[dict]

    @staticmethod
    def resolve_tool(obj):
        return obj.tool.code

    @staticmethod
    def resolve_indicator(obj):
        return obj.indicator.number if obj.indicator else None

    @staticmethod
    def resolve_sub_indicator(obj):
        return obj.sub_indicator.number if obj.sub_indicator else None


class Framework(FrameworkSummary):
    sources: dict
    rating_bands: list[RatingBand]
    tools: list[Tool]
    questions: list[Question]

    @staticmethod
    def resolve_rating_bands(obj):
        return list(obj.rating_bands.all())

    @staticmethod
    def resolve_tools(obj):
        return list(obj.tools.all())

    @staticmethod
    def resolve_questions(obj):
        return list(obj.questions.all())


class Error(Schema):
    detail: str
    detail_th: str
    detail_en: str


class SheetAnswer(Schema):
    document: str
    document_th: str
    fiscal_year: int
    revision: int | None
    published_at: datetime | None
    sha256: str | None
    url: str | None

    @staticmethod
    def resolve_document_th(obj):
        return obj.label

    @staticmethod
    def resolve_revision(obj):
        return obj.publication.revision if obj.publication else None

    @staticmethod
    def resolve_published_at(obj):
        return obj.publication.published_at if obj.publication else None

    @staticmethod
    def resolve_sha256(obj):
        return obj.publication.sha256 if obj.publication else None

    @staticmethod
    def resolve_url(obj, context):
        return _absolute(context, obj.path) if obj.publication else None


class SheetItem(Schema):
    code: str
    text_th: str
    status: str
    status_th: str
    answers: list[SheetAnswer]

    @staticmethod
    def resolve_code(obj):
        return obj.question.code

    @staticmethod
    def resolve_text_th(obj):
        return obj.question.text_th


class AnswerSheet(Schema):
    organisation: str
    assessment_year: int
    framework_version: int
    items: list[SheetItem]

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug

    @staticmethod
    def resolve_assessment_year(obj):
        return obj.year

    @staticmethod
    def resolve_framework_version(obj):
        return obj.framework.version
