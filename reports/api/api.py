"""The endpoints of the open-data API. Everything here is public and read-only."""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query
from ninja.errors import Throttled
from ninja.pagination import PageNumberPagination, paginate

from measures.models import Framework, Organisation, Question, Tool

from .. import public_data
from ..itas import answer_sheet_build
from ..models import Publication
from . import schemas
from .docs import EndpointList
from .http import (
    TOO_MANY_EN,
    TOO_MANY_TH,
    AddressRateThrottle,
    conditional,
    error_body,
    retry_after,
)

PAGE_SIZE = 50


class PublicApi(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return conditional(request, response)


api = PublicApi(
    title="ITA Portal open data",
    version="1",
    description=(
        "ข้อมูลสาธารณะของระบบมาตรการส่งเสริมคุณธรรมและความโปร่งใส: หน่วยงาน แผน มาตรการ "
        "ผลการดำเนินการที่อนุมัติแล้วของรอบที่เผยแพร่ เอกสารที่เผยแพร่ และกรอบการประเมิน ITA. "
        "Public, read-only data: organisations, plans, measures, approved progress of published "
        "rounds, published documents and the ITA frameworks."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    docs=EndpointList(),
    throttle=AddressRateThrottle(),
)


def _error(request, status, thai, english):
    return api.create_response(request, error_body(thai, english), status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "ไม่พบข้อมูล", "Not found")


@api.exception_handler(Throttled)
def too_many_requests(request, exc):
    response = _error(request, 429, TOO_MANY_TH, TOO_MANY_EN)
    response["Retry-After"] = retry_after(exc.wait)
    return response


ERRORS = {404: schemas.Error, 429: schemas.Error}


def _organisation(slug):
    return get_object_or_404(Organisation, slug=slug)


def _public_plan(slug, year):
    return get_object_or_404(public_data.public_plans(_organisation(slug)), fiscal_year=year)


@api.get(
    "/organisations/",
    response={200: list[schemas.Organisation], 429: schemas.Error},
    url_name="organisations",
    summary="Organisations, by province and kind",
    description="องค์กรปกครองส่วนท้องถิ่น กรองตามจังหวัด (province) และประเภท (kind)",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def organisations(request, filters: Query[schemas.OrganisationFilter]):
    found = Organisation.objects.order_by("province", "name_th", "pk")
    if filters.province:
        found = found.filter(province=filters.province)
    if filters.kind:
        found = found.filter(kind=filters.kind)
    return found


@api.get(
    "/organisations/{slug}/",
    response={200: schemas.Organisation, **ERRORS},
    url_name="organisation",
    summary="One organisation",
    description="ข้อมูลหน่วยงานหนึ่งแห่ง",
)
def organisation(request, slug: str):
    return _organisation(slug)


@api.get(
    "/organisations/{slug}/plans/",
    response={200: list[schemas.Plan], **ERRORS},
    url_name="plans",
    summary="An organisation's announced plans",
    description="แผนมาตรการที่ประกาศหรือเผยแพร่แล้ว เรียงจากปีล่าสุด",
)
def plans(request, slug: str):
    return (
        public_data.public_plans(_organisation(slug))
        .select_related("framework")
        .annotate(measure_count=Count("measures", filter=Q(measures__withdrawn_at__isnull=True)))
        .order_by("-fiscal_year")
    )


@api.get(
    "/organisations/{slug}/plans/{int:year}/measures/",
    response={200: list[schemas.Measure], **ERRORS},
    url_name="measures",
    summary="A plan's measures in force, with their questions and units",
    description="มาตรการที่ประกาศแล้วของแผน (ไม่รวมมาตรการที่ถอนแล้ว) พร้อมข้อคำถามและผู้รับผิดชอบ",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def measures(request, slug: str, year: int):
    return (
        public_data.public_measures(_public_plan(slug, year))
        .select_related("theme")
        .prefetch_related("questions", "units", "steps")
    )


@api.get(
    "/organisations/{slug}/plans/{int:year}/progress/",
    response={200: list[schemas.ProgressEntry], **ERRORS},
    url_name="progress",
    summary="Approved progress of the plan's published rounds",
    description="ผลการดำเนินการที่อนุมัติแล้ว เฉพาะรอบที่เผยแพร่รายงานแล้ว",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def progress(request, slug: str, year: int):
    return (
        public_data.public_entries(_public_plan(slug, year))
        .select_related("measure")
        .prefetch_related("links")
        .order_by("measure__order", "measure__number", "done_on", "pk")
    )


@api.get(
    "/organisations/{slug}/documents/",
    response={200: list[schemas.Document], **ERRORS},
    url_name="documents",
    summary="Published documents: revision, date, size, SHA-256 and stable URL",
    description="เอกสารที่เผยแพร่ทุกฉบับ พร้อมขนาด ค่า SHA-256 และลิงก์ถาวร (url: ฉบับล่าสุดเสมอ)",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def documents(request, slug: str):
    latest = Publication.objects.filter(plan=OuterRef("plan"), kind=OuterRef("kind"))
    return (
        Publication.objects.filter(plan__organisation=_organisation(slug))
        .select_related("plan__organisation")
        .annotate(latest_revision=Subquery(latest.order_by("-revision").values("revision")[:1]))
        .order_by("-plan__fiscal_year", public_data.kind_order(), "-revision")
    )


@api.get(
    "/organisations/{slug}/itas/{int:year}/",
    response={200: schemas.AnswerSheet, **ERRORS},
    url_name="itas",
    summary="The ITAS answer sheet: OIT items the published documents answer, with their URLs",
    description=(
        "ใบตอบ ITAS ของปีที่ประเมิน: ข้อ OIT ที่เอกสารที่เผยแพร่ใช้ตอบได้ พร้อมลิงก์ถาวร "
        "(status: answered, not-published, not-answerable)"
    ),
)
def itas(request, slug: str, year: int):
    sheet = answer_sheet_build(organisation=_organisation(slug), year=year)
    if sheet is None:
        raise Http404
    return sheet


@api.get(
    "/frameworks/",
    response={200: list[schemas.FrameworkSummary], 429: schemas.Error},
    url_name="frameworks",
    summary="The ITA frameworks, by fiscal year and version",
    description="กรอบการประเมิน ITA แต่ละปีงบประมาณและฉบับ",
)
def frameworks(request):
    return Framework.objects.order_by("-fiscal_year", "-version")


@api.get(
    "/frameworks/{int:year}/",
    response={200: schemas.Framework, **ERRORS},
    url_name="framework",
    summary="One year's ITA framework: tools, indicators, questions (latest version)",
    description="กรอบการประเมิน ITA ของปีหนึ่ง (ฉบับล่าสุด): เครื่องมือ ตัวชี้วัด ข้อคำถาม",
)
def framework(request, year: int):
    found = Framework.objects.filter(fiscal_year=year).prefetch_related(
        "rating_bands",
        Prefetch(
            "tools",
            queryset=Tool.objects.prefetch_related("indicators__sub_indicators"),
        ),
        Prefetch(
            "questions",
            queryset=Question.objects.select_related("tool", "indicator", "sub_indicator"),
        ),
    )
    latest = found.order_by("-version").first()
    if latest is None:
        raise Http404
    return latest
