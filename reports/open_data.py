"""Open data of one public plan: its measures in force and the approved progress of its
published rounds, as a CSV (for Excel and open-data portals) and a JSON document.

Both read what is public from public_data and serialise measures and entries with the API's
schemas, so a download never shows more, or otherwise, than the API and the public pages; and
both answer as the API does (ETag / Last-Modified with 304, the per-address rate limit).
"""

import csv

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404

from measures.models import Organisation

from . import public_data
from .api import schemas
from .api.http import with_api_manners

CSV_HEADER = [
    "มาตรการที่",
    "ประเด็น",
    "มาตรการ/แนวทาง",
    "ประเด็นที่ต้องปรับปรุงแก้ไข",
    "ข้อคำถาม",
    "ผู้รับผิดชอบ",
    "ขั้นตอน",
    "เดือนเริ่มดำเนินการ",
    "เดือนสิ้นสุด",
    "กำหนดเวลาแล้วเสร็จ",
    "ความละเอียดของกำหนดเวลา",
    "วันที่ดำเนินการ",
    "ความละเอียดของวันที่",
    "สถานะ",
    "ร้อยละความสำเร็จ",
    "ผลการดำเนินการ",
    "หลักฐาน",
]


def public_plan_of(slug, year):
    """The organisation's public plan of that year, or 404 (unannounced plans are not public)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    return get_object_or_404(
        public_data.public_plans(organisation).select_related("organisation", "framework"),
        fiscal_year=year,
    )


def _measures(plan):
    return list(
        public_data.public_measures(plan)
        .select_related("theme")
        .prefetch_related("questions", "units", "steps")
    )


def _entries(plan):
    return list(
        public_data.public_entries(plan)
        .select_related("measure")
        .prefetch_related("links")
        .order_by("measure__order", "measure__number", "done_on", "pk")
    )


def open_data_document(plan):
    """The JSON document: the plan, its measures and its public progress."""
    return {
        "organisation": {"slug": plan.organisation.slug, "name_th": plan.organisation.name_th},
        "fiscal_year": plan.fiscal_year,
        "framework_year": plan.framework.fiscal_year,
        "announced_on": plan.announced_on.isoformat() if plan.announced_on else None,
        "published_rounds": public_data.published_round_months(plan),
        "measures": [schemas.Measure.from_orm(m).model_dump(mode="json") for m in _measures(plan)],
        "progress": [
            schemas.ProgressEntry.from_orm(e).model_dump(mode="json") for e in _entries(plan)
        ],
    }


def _iso(day):
    return day.isoformat() if day else ""


def _month(day):
    return day.strftime("%Y-%m") if day else ""


def _measure_cells(measure):
    units = "ทุกสำนัก/กอง" if measure.all_units else ", ".join(u.name for u in measure.units.all())
    if measure.responsible_note:
        units = f"{units} ({measure.responsible_note})" if units else measure.responsible_note
    steps = sorted(measure.steps.all(), key=lambda step: step.order)
    return [
        measure.number,
        str(measure.theme) if measure.theme else "",
        measure.title,
        measure.issue,
        ", ".join(q.code for q in measure.questions.all()),
        units,
        "\n".join(f"{step.label or step.order}. {step.text}" for step in steps),
        _month(measure.period_start),
        _month(measure.period_end),
        _iso(measure.deadline),
        measure.deadline_precision if measure.deadline else "",
    ]


def _entry_cells(entry):
    return [
        _iso(entry.done_on),
        entry.date_precision,
        entry.get_status_display(),
        "" if entry.percent is None or not entry.status else entry.percent,
        entry.description,
        "\n".join(link.url for link in entry.links.all()),
    ]


def open_data_rows(plan):
    """One row per public entry, with its measure's columns; a measure without one has a row
    of its own with the progress columns empty."""
    entries = {}
    for entry in _entries(plan):
        entries.setdefault(entry.measure_id, []).append(entry)
    for measure in _measures(plan):
        start = _measure_cells(measure)
        for entry in entries.get(measure.pk, []):
            yield [*start, *_entry_cells(entry)]
        if measure.pk not in entries:
            yield [*start, *[""] * 6]


@with_api_manners
def measures_csv(request, slug, year):
    plan = public_plan_of(slug, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="measures-{slug}-{year}.csv"'
    response.write("\ufeff")  # Excel opens a UTF-8 file as UTF-8 only with the BOM
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    writer.writerows(open_data_rows(plan))
    return response


@with_api_manners
def measures_json(request, slug, year):
    return JsonResponse(
        open_data_document(public_plan_of(slug, year)),
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
