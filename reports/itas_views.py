"""The public ITAS answer sheet of an organisation: a page and its CSV."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from measures.models import Organisation

from .itas import answer_sheet_build, assessment_years


def _sheet(slug, year):
    organisation = get_object_or_404(Organisation, slug=slug)
    sheet = answer_sheet_build(organisation=organisation, year=year)
    if sheet is None:
        raise Http404("ไม่มีกรอบการประเมินของปีนี้")
    return sheet


def answer_sheet(request, slug, year):
    sheet = _sheet(slug, year)
    return render(
        request,
        "reports/itas.html",
        {"sheet": sheet, "organisation": sheet.organisation, "years": assessment_years()},
    )


CSV_HEADER = ["ข้อ", "ชื่อข้อ", "สถานะ", "เอกสาร", "ปีงบประมาณของเอกสาร", "ฉบับที่", "URL"]


def answer_sheet_csv(request, slug, year):
    """One row per document answering an item, or one row for an item nothing answers."""
    sheet = _sheet(slug, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="itas-{sheet.organisation.slug}-{sheet.year}.csv"'
    )
    response.write("\ufeff")  # Excel opens a UTF-8 file as UTF-8 only with the BOM
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for item in sheet.items:
        start = [item.question.code, item.question.text_th, item.status_th]
        if not item.answers:
            writer.writerow([*start, "", "", "", ""])
        for answer in item.answers:
            published = answer.publication
            revision = published.revision if published else ""
            url = request.build_absolute_uri(answer.path) if published else ""
            writer.writerow([*start, answer.label, answer.fiscal_year, revision, url])
    return response
