"""The official documents' content, built from the record of truth.

``document_context`` returns plain JSON-ready data (every number, date and period already in
Thai): the PDF and HTML templates only print it, and a publication stores it as its snapshot,
so a published report can be shown again exactly as it was made. The organisation's name, the
fiscal years and the round come from one place each, so a document cannot contradict itself.
"""

import re
from datetime import date

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from itaportal import thai
from itaportal.media import local_file
from measures.models import (
    Measure,
    MeasureStep,
    MonitoringItem,
    ProgressEntry,
    RoundNotes,
    Unit,
)

from . import pdf
from .columns import fit_widths, row_lines, unbroken_width
from .models import LAYOUT_CHOICES, PLAN_KINDS, ROUND_MONTHS
from .wording import cover_lines, title_text, wording_of

KINDS = PLAN_KINDS
LAYOUTS = tuple(layout for layout, _label in LAYOUT_CHOICES)
ALL_UNITS = "ทุกสำนัก/กอง"
OTHER_GROUP = "มาตรการอื่น ๆ"
MISSING_NAME = "ยังไม่ได้ระบุชื่อผู้ลงนาม"
MISSING_POSITION = "ยังไม่ได้ระบุตำแหน่งผู้ลงนาม"

_URL = re.compile(r"https?://\S+")


def document_title(kind, fiscal_year, wording="standard"):
    """The title as printed and listed: มาตรการ… / รายงานผล… ประจำปีงบประมาณ พ.ศ. … [รอบ …],
    in the plan's wording (MeasurePlan.wording)."""
    months = ROUND_MONTHS.get(kind)
    year = f"ประจำปีงบประมาณ พ.ศ. {thai.to_thai_digits(fiscal_year)}"
    if months is None:
        return f"{_title(wording, months)} {year}"
    return f"{_title(wording, months)} {year} รอบ {thai.to_thai_digits(months)} เดือน"


def _title(wording, months):
    words = wording_of(wording)
    return title_text(words["report_title"] if months else words["measures_title"])


def _columns(wording, layout, months, monitoring_column):
    words = wording_of(wording)
    if layout == "plan":
        names = ["issue", "units", "steps", "monitoring_deadline"] + ["actions"] * bool(months)
    else:
        names = ["measure", "method", "units"] + ["monitoring"] * monitoring_column + ["period"]
        names += ["results", "outcome"] if months else ["expected_outcome"]
    return [words[name] for name in names]


def thai_text(text):
    """User text as printed: Arabic digits become Thai ones, except inside URLs.

    Line breaks typed in a cell are kept (as "\n", whatever the browser sent): the templates
    print them and cell_texts counts each line as a paragraph."""
    text = "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())
    parts, last = [], 0
    for match in _URL.finditer(text):
        parts += [thai.to_thai_digits(text[last : match.start()]), match.group()]
        last = match.end()
    parts.append(thai.to_thai_digits(text[last:]))
    return "".join(parts)


def _measures(plan, months):
    entries = ProgressEntry.objects.filter(review_state=ProgressEntry.Review.APPROVED)
    if months is None:
        entries = entries.none()  # the measures plan prints no results
    else:
        entries = entries.in_round(plan.fiscal_year, months)
    return (
        Measure.objects.filter(plan=plan)
        .in_force()
        .select_related("theme")
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.select_related("parent")),
            Prefetch(
                "questions",
                queryset=plan.framework.questions.select_related("tool", "indicator").order_by(
                    "tool__order", "indicator__number", "order"
                ),
            ),
            Prefetch("steps", queryset=MeasureStep.objects.order_by("order")),
            Prefetch("monitoring_items", queryset=MonitoringItem.objects.order_by("order")),
            Prefetch(
                "entries",
                queryset=entries.order_by("done_on", "pk").prefetch_related("links"),
                to_attr="round_entries",
            ),
        )
        .order_by("order", "number")
    )


def _latest_status(latest, months):
    if latest is None:
        return "ยังไม่มีผลการดำเนินการในรอบนี้" if months else ""
    if latest.status and latest.percent is not None:
        return f"{latest.get_status_display()} (ร้อยละ {thai.to_thai_digits(latest.percent)})"
    return latest.state_text


def _row(measure, months, *, question_text=True):
    questions = list(measure.questions.all())
    units = [u.display_name for u in measure.units.all()]
    results = [
        {
            # Only what the entry knows: no day for a month, no percent where none was given.
            "date": entry.date_text(months),
            "text": thai_text(entry.description),
            "state": entry.state_text,
            "links": [
                {"title": thai_text(link.title), "url": link.url} for link in entry.links.all()
            ],
        }
        for entry in measure.round_entries
    ]
    latest = measure.round_entries[-1] if measure.round_entries else None
    return {
        "number": thai.to_thai_digits(measure.number),
        "title": thai_text(measure.title),
        "questions": [
            f"{thai.format_question_code(q.code)} {thai_text(q.text_th)}".strip()
            if question_text
            else thai.format_question_code(q.code)
            for q in questions
        ],
        "issue": thai_text(measure.issue),
        "units": [ALL_UNITS] if measure.all_units else units,
        "responsible": thai_text(measure.responsible_note),
        "steps": _steps(measure.steps.all()),
        "monitoring": thai_text(measure.monitoring),
        "monitoring_items": [thai_text(item.printed) for item in measure.monitoring_items.all()],
        "deadline": measure.deadline_text,
        "period": measure.period_text,
        "outcome": thai_text(measure.expected_outcome),
        "results": results,
        "latest_status": _latest_status(latest, months),
        "_tool": questions[0].tool if questions else None,
        "_indicator": questions[0].indicator if questions else None,
    }


def _plan_groups(rows):
    """Tool → indicator headings along the organisation's own order of measures.

    A plan numbered 1–14 prints 1–14: a heading row starts wherever the tool (or, under one
    tool, the indicator) of the next measure differs from the one before, so a heading may
    repeat further down; measures without a question go under มาตรการอื่น ๆ."""
    groups = []
    for row in rows:
        tool, indicator = row.pop("_tool"), row.pop("_indicator")
        tool_title = f"เครื่องมือการประเมิน {tool.code}" if tool else OTHER_GROUP
        if tool and tool.name_th:
            tool_title += f" ({tool.name_th})"
        ind_title = (
            f"ตัวชี้วัดที่ {thai.to_thai_digits(indicator.number)} {indicator.name_th}".strip()
            if indicator
            else ""
        )
        if not groups or groups[-1]["title"] != tool_title:
            groups.append({"title": tool_title, "sections": []})
        sections = groups[-1]["sections"]
        if not sections or sections[-1]["title"] != ind_title:
            sections.append({"title": ind_title, "rows": []})
        sections[-1]["rows"].append(row)
    return groups


def _summary_groups(measures, rows):
    themes = {}
    for measure, row in zip(measures, rows, strict=True):
        row.pop("_tool"), row.pop("_indicator")
        theme = measure.theme
        key = theme.number if theme else 999
        title = (
            f"({thai.to_thai_digits(theme.number)}) {thai_text(theme.title)}"
            if theme
            else OTHER_GROUP
        )
        themes.setdefault(key, {"title": title, "sections": [{"title": "", "rows": []}]})
        themes[key]["sections"][0]["rows"].append(row)
    return [themes[k] for k in sorted(themes)]


# Estimated lines (columns.row_lines) of the longest row kept whole on one page: about a third
# of a landscape table page, so a row that moves leaves at most that much paper blank.
WHOLE_ROW_LINES = 12
EVIDENCE_SIZE = 0.9  # the evidence lines' font size relative to the table's (pdf.css)


# A plan that gives no period prints none: a dash in the summary's period column.
NO_PERIOD = "-"


def cell_texts(row, layout, is_progress, *, monitoring_column=False):
    """The paragraphs each cell of a row prints, as (text, size) pairs: what fit_widths reads.

    Mirrors templates/reports/pdf/_row.html and _results.html (labels included, markup not);
    a test checks every text here stands in the rendered row. ``monitoring_column``: the
    summary layout's monitoring column is printed (see document_context)."""

    def paragraphs(*texts, size=1.0):
        return [(line, size) for text in texts if text for line in text.split("\n") if line]

    results = []
    for result in row["results"]:
        state = f" ({result['state']})" if result["state"] else ""
        results += paragraphs(f"{result['date']} {result['text']}{state}".strip())
        results += paragraphs(
            *(f"หลักฐาน: {link['title']} {link['url']}" for link in result["links"]),
            size=EVIDENCE_SIZE,
        )
    results = results or paragraphs("ยังไม่มีผลการดำเนินการในรอบนี้")
    steps = [
        f"{step['number']}. {step['text']}" if step["number"] else step["text"]
        for step in row["steps"]
    ]
    if layout == "plan":
        cells = [
            paragraphs(*row["questions"], row["issue"]),
            paragraphs(*row["units"], row["responsible"]),
            paragraphs(f"มาตรการที่ {row['number']} {row['title']}".strip(), *steps),
            paragraphs(
                row["monitoring"],
                *row["monitoring_items"],
                row["deadline"] and f"กำหนดเวลาแล้วเสร็จ {row['deadline']}",
                row["period"] and f"ระยะเวลา {row['period']}",
            ),
        ]
        return cells + ([results] if is_progress else [])
    cells = [
        # A measure without a title is headed by its issue (printed once).
        paragraphs(
            f"{row['number']}. {row['title'] or row['issue']}",
            row["title"] and row["issue"] and f"ประเด็น: {row['issue']}",
        ),
        paragraphs(*steps),
        paragraphs(*row["units"], row["responsible"]),
        *([paragraphs(row["monitoring"], *row["monitoring_items"])] if monitoring_column else []),
        paragraphs(row["period"] or NO_PERIOD),
    ]
    outcome = paragraphs(row["outcome"], row["latest_status"] if is_progress else "")
    return cells + ([results, outcome] if is_progress else [outcome])


def _closing(plan, months):
    """The sections a progress report ends with, as the coordinator typed them; empty ones are
    left out."""
    notes = RoundNotes.objects.filter(plan=plan, months=months).first() if months else None
    if notes is None:
        return []
    sections = [("ปัญหา อุปสรรค", notes.problems), ("ข้อเสนอแนะ", notes.suggestions)]
    return [
        {"title": title, "paragraphs": thai_text(text).split("\n")}
        for title, text in sections
        if text.strip()
    ]


def _prepared_by(organisation):
    units = list(organisation.units.order_by("order", "name"))
    office = next((u for u in units if u.name.startswith("สำนักปลัด")), units[0] if units else None)
    return f"{office.name} {organisation.name_th}" if office else organisation.name_th


def _announcement(plan, months, measure_count, on):
    org = plan.organisation.name_th
    fy = thai.to_thai_digits(plan.fiscal_year)
    assessed = thai.to_thai_digits(plan.framework.fiscal_year)
    if months is None:
        paragraphs = [
            f"ตามที่{org} ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
            f"(ITA) ประจำปีงบประมาณ พ.ศ. {assessed} เพื่อนำผลการประเมินมาปรับปรุงและพัฒนา"
            "การดำเนินงานของหน่วยงานให้มีคุณธรรมและความโปร่งใสยิ่งขึ้น นั้น",
            f"{org} จึงกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
            f"พ.ศ. {fy} จำนวน {thai.to_thai_digits(measure_count)} มาตรการ "
            "รายละเอียดตามแนบท้ายประกาศนี้",
            "จึงประกาศมาเพื่อทราบโดยทั่วกัน",
        ]
    else:
        announced = f" เมื่อวันที่ {thai.format_date(plan.announced_on)}" if plan.announced_on else ""
        start, end = thai.round_range(plan.fiscal_year, months)
        paragraphs = [
            f"ตามที่{org} ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
            f"(ITA) ประจำปีงบประมาณ พ.ศ. {assessed} และได้ประกาศมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
            f"ภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {fy}{announced} "
            "โดยได้ขับเคลื่อนมาตรการดังกล่าวตลอดมา นั้น",
            f"{org} จึงขอรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {fy} รอบ {thai.to_thai_digits(months)} เดือน "
            f"({thai.format_period_long(start, end)}) รายละเอียดตามแนบท้ายประกาศนี้ "
            "เพื่อให้ทราบโดยทั่วกัน",
        ]
    organisation = plan.organisation
    name = plan.signatory_name or organisation.executive_name
    position = plan.signatory_position or organisation.executive_position
    return {
        "paragraphs": paragraphs,
        "date": thai.format_date(on),
        "signatory_name": name,
        "signatory_position": position,
        # What a preview prints, marked, where the signatory is still missing (publishing
        # refuses such a document, so no published one holds these).
        "missing": {
            key: text
            for key, text, value in (
                ("name", MISSING_NAME, name),
                ("position", MISSING_POSITION, position),
            )
            if not value.strip()
        },
    }


def document_context(plan, kind, layout="plan", *, on=None, cover=True):
    """Everything a document prints, as JSON-ready data (see the module docstring).

    ``on`` is the date printed after ประกาศ ณ วันที่: the plan's announcement date for the
    measures, the day of publishing (today for a preview) for a progress report."""
    if kind not in KINDS or layout not in LAYOUTS:
        raise ValueError(f"unknown document {kind!r} or layout {layout!r}")
    months = ROUND_MONTHS.get(kind)
    organisation = plan.organisation
    if on is None:
        on = plan.announced_on if months is None and plan.announced_on else timezone.localdate()
    measures = list(_measures(plan, months))
    rows = [_row(m, months, question_text=plan.questions_with_text) for m in measures]
    # The summary layout has no room to waste: its monitoring column shows when a measure of
    # the plan says how it is monitored (the plan layout always has one).
    monitoring_column = layout == "summary" and any(
        row["monitoring"] or row["monitoring_items"] for row in rows
    )
    lengths = [
        [[(thai.spacing_length(text), size) for text, size in cell] for cell in cells]
        for cells in (
            cell_texts(row, layout, months is not None, monitoring_column=monitoring_column)
            for row in rows
        )
    ]
    # Unit names break between their words only: their column (see cell_texts) holds the
    # longest part kept whole.
    units_column = 1 if layout == "plan" else 2
    longest_word = max(
        (
            thai.spacing_length(part)
            for row in rows
            for unit in row["units"]
            for word in thai.name_words(unit)
            for part in word
            if thai.kept_whole(part)
        ),
        default=0,
    )
    widths = fit_widths(lengths, floors={units_column: unbroken_width(longest_word)})
    for row, cells in zip(rows, lengths, strict=True):
        # A short row moves whole to the next page rather than leave a fragment of it on
        # either side of a page break (pdf.css tr.whole); a long one fills the pages.
        row["whole"] = row_lines(cells, widths) <= WHOLE_ROW_LINES
    groups = _plan_groups(rows) if layout == "plan" else _summary_groups(measures, rows)
    columns = _columns(plan.wording, layout, months, monitoring_column)
    words = wording_of(plan.wording)
    start, end = thai.round_range(plan.fiscal_year, months or thai.ROUND_12)
    fy = thai.to_thai_digits(plan.fiscal_year)
    round_label = f"รอบ {thai.to_thai_digits(months)} เดือน" if months else ""
    return {
        "kind": kind,
        "layout": layout,
        "is_progress": months is not None,
        "title": document_title(kind, plan.fiscal_year, plan.wording),
        "cover_lines": cover_lines(words["report_title"] if months else words["measures_title"]),
        "table_title": f"{_title(plan.wording, months)}ของ{organisation.name_th} "
        f"ประจำปีงบประมาณ พ.ศ. {fy}" + (f" {round_label}" if months else ""),
        "fiscal_year": fy,
        "assessed_year": thai.to_thai_digits(plan.framework.fiscal_year),
        "round_label": round_label,
        "period_long": f"({thai.format_period_long(start, end)})",
        "organisation": {
            "name": organisation.name_th,
            "short_name": organisation.short_name,
            "location": organisation.location,
            "slug": organisation.slug,
        },
        "prepared_by": _prepared_by(organisation),
        "intro": thai_text(plan.intro),
        "announcement": _announcement(plan, months, len(measures), on),
        "cover": bool(cover),
        "columns": columns,
        "monitoring_column": monitoring_column,
        "widths": widths,
        "groups": groups,
        "closing": _closing(plan, months),
        "measure_count": len(measures),
        "entry_count": sum(len(r["results"]) for r in rows),
        "made_on": on.isoformat() if isinstance(on, date) else str(on),
    }


def _steps(steps):
    """The steps as printed. A lone step with no number of its own (a cell of one sentence, as
    many plans write it) prints without one: "๑." would be a number the plan never gave."""
    steps = list(steps)
    if len(steps) == 1 and not steps[0].label:
        return [{"number": "", "text": thai_text(steps[0].text)}]
    return [{"number": thai_text(step.number_text), "text": thai_text(step.text)} for step in steps]


def emblem_path(organisation):
    """A file on this host holding the emblem, or None: the only uploaded file a PDF may read."""
    if not organisation.emblem:
        return None
    return local_file(organisation.emblem.name, organisation.emblem.storage)


def document_html(doc, *, emblem=None):
    """The HTML the PDF is made from; its only URLs are the renderer's own assets."""
    urls = pdf.asset_urls(emblem)
    return render_to_string(
        "reports/pdf/document.html",
        {"doc": doc, "css_url": urls["css"], "emblem_url": urls["emblem"]},
    )


def pdf_from_context(doc, *, emblem=None):
    """PDF bytes of a document context (a fresh one or a publication's snapshot)."""
    return pdf.render_pdf(document_html(doc, emblem=emblem), emblem_path=emblem)


def document_pdf(plan, kind, layout="plan", *, on=None, cover=True):
    """(PDF bytes, context) of a preview; raises pdf.DocumentRenderError with a Thai message."""
    doc = document_context(plan, kind, layout, on=on, cover=cover)
    return pdf_from_context(doc, emblem=emblem_path(plan.organisation)), doc
