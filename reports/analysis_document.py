"""The analysis document (การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน): the ITA
result of the year before a plan year, analysed, with the approaches and the plan's measures.

Like ``documents.document_context``, ``analysis_context`` returns JSON-ready data with every
number already in Thai digits; the same renderer, fonts and announcement make the PDF.
"""

from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone

from itaportal import thai
from measures.models import ItaResult, Measure, MeasurePlan
from measures.results.analysis import result_analyse

from . import pdf
from .documents import _prepared_by, emblem_path, thai_text

TITLE = "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
PRINCIPLES = (
    "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency "
    "Assessment: ITA) เป็นเครื่องมือที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ "
    "(สำนักงาน ป.ป.ช.) ใช้ประเมินหน่วยงานภาครัฐทุกปี เพื่อให้หน่วยงานนำผลไปปรับปรุงการดำเนินงาน"
    "ให้มีคุณธรรมและความโปร่งใสยิ่งขึ้น"
)


class AnalysisUnavailable(Exception):
    """No analysable result for that year; ``str(e)`` says so in Thai."""


def _score(value):
    return "" if value is None else thai.thai_number(value)


def _question(question):
    return f"{thai.format_question_code(question.code)} {thai_text(question.text_th)}".strip()


def _item(item):
    return {
        "question": _question(item.question),
        "score": _score(item.score),
        "approach": thai_text(item.approach),
    }


def _measures(organisation, plan_year):
    plan = MeasurePlan.objects.filter(organisation=organisation, fiscal_year=plan_year).first()
    if plan is None:
        return []
    measures = (
        Measure.objects.filter(plan=plan)
        .in_force()
        .prefetch_related("units", "questions")
        .order_by("order", "number")
    )
    return [
        {
            "number": thai.to_thai_digits(m.number),
            "title": thai_text(m.title),
            "questions": ", ".join(thai.format_question_code(q.code) for q in m.questions.all()),
            "units": "ทุกสำนัก/กอง" if m.all_units else ", ".join(u.name for u in m.units.all()),
            "period": m.period_text or "-",
            "monitoring": thai_text(m.monitoring),
        }
        for m in measures
    ]


def analysed_result(*, organisation, plan_year):
    """The result of ``plan_year`` − 1 with scores by the framework, or AnalysisUnavailable."""
    year = plan_year - 1
    result = (
        ItaResult.objects.select_related("framework")
        .filter(organisation=organisation, fiscal_year=year, framework__isnull=False)
        .first()
    )
    if result is None:
        raise AnalysisUnavailable(
            f"ยังไม่มีผลการประเมิน ITA ปี {thai.to_thai_digits(year)} ที่มีคะแนนรายตัวชี้วัด "
            "กรุณากรอกหรือนำเข้าผลการประเมินก่อน"
        )
    return result


def analysis_context(*, organisation, plan_year, on=None, cover=True):
    """The analysis of the result of ``plan_year`` − 1 that leads into ``plan_year``'s plan."""
    year = plan_year - 1
    result = analysed_result(organisation=organisation, plan_year=plan_year)
    analysis = result_analyse(result=result)
    framework = result.framework
    on = on or timezone.localdate()
    assessed, fy = thai.to_thai_digits(year), thai.to_thai_digits(plan_year)
    org = organisation.name_th
    title = f"{TITLE} ประจำปีงบประมาณ พ.ศ. {assessed}"
    total = result.total
    return {
        "kind": "analysis",
        "title": title,
        "cover_lines": ["การวิเคราะห์ผลการประเมิน", "คุณธรรมและความโปร่งใส", "ในการดำเนินงาน"],
        "fiscal_year": assessed,
        "plan_year": fy,
        "is_progress": False,
        "cover": bool(cover),
        "organisation": {
            "name": org,
            "short_name": organisation.short_name,
            "location": organisation.location,
            "slug": organisation.slug,
        },
        "prepared_by": _prepared_by(organisation),
        "announcement": {
            "paragraphs": [
                f"ตามที่สำนักงาน ป.ป.ช. ได้ประกาศผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
                f"ของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {assessed} นั้น",
                f"{org} ได้วิเคราะห์ผลการประเมินดังกล่าว เพื่อกำหนดแนวทางการพัฒนาและมาตรการส่งเสริม"
                f"คุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {fy} "
                "รายละเอียดตามแนบท้ายประกาศนี้",
                "จึงประกาศมาเพื่อทราบโดยทั่วกัน",
            ],
            "date": thai.format_date(on),
            "signatory_name": organisation.executive_name,
            "signatory_position": organisation.executive_position,
        },
        "principles": PRINCIPLES,
        "tools": [
            {"code": t.code, "name": t.name_th, "weight": _score(t.weight)}
            for t in framework.tools.order_by("order")
        ],
        "bands": [
            {"rating": b.rating, "min": _score(b.min_score)}
            for b in framework.rating_bands.order_by("-min_score")
        ],
        "pass_mark": _score(framework.pass_mark),
        "total": _score(total),
        "rating": result.shown_rating,
        "indicators": [
            {
                "rank": thai.to_thai_digits(n),
                "name": f"ตัวชี้วัดที่ {thai.to_thai_digits(ind.number)} {ind.name_th}".strip(),
                "score": _score(score),
            }
            for n, (ind, score) in enumerate(analysis.indicators, start=1)
        ],
        "weakest": [_item(i) for i in analysis.weakest],
        "strongest": [_item(i) for i in analysis.strongest],
        "by_tool": [
            {"tool": f"{tool.code} {tool.name_th}".strip(), "items": [_item(i) for i in items]}
            for tool, items in analysis.weak_by_tool
        ],
        "measures": _measures(organisation, plan_year),
        "made_on": on.isoformat() if isinstance(on, date) else str(on),
    }


def analysis_html(doc, *, emblem=None):
    urls = pdf.asset_urls(emblem)
    return render_to_string(
        "reports/pdf/analysis.html",
        {"doc": doc, "css_url": urls["css"], "emblem_url": urls["emblem"]},
    )


def analysis_pdf_from_context(doc, *, emblem=None):
    """PDF bytes of an analysis context (a fresh one or a publication's snapshot)."""
    return pdf.render_pdf(analysis_html(doc, emblem=emblem), emblem_path=emblem)


def analysis_pdf(*, organisation, plan_year, on=None, cover=True):
    """(PDF bytes, context); AnalysisUnavailable or pdf.DocumentRenderError with a Thai message."""
    doc = analysis_context(organisation=organisation, plan_year=plan_year, on=on, cover=cover)
    return analysis_pdf_from_context(doc, emblem=emblem_path(organisation)), doc
