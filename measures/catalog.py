"""Loading the ITA framework catalog (the JSON shape of measures/data/ita-frameworks.json).

Two shapes of a framework exist in that file: a full one (tools → indicators → optional
sub-indicators → questions) and, for years only partly known, a flat list of OIT items that may
name their sub-indicator ("9.1"). Both become the same flat snapshot, so loading and "has this
changed?" share one representation.

An OIT item may say which of the portal's documents answer it (``answered_by``: a document kind
and the plan's fiscal year relative to the assessment year). That is the portal's reading of
the framework, not the NACC's content: it is kept apart from the snapshot and updated in place
even on a framework in use, since no measure or document depends on it.
"""

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from itaportal import thai

from .models import Framework, Indicator, Question, RatingBand, SubIndicator, Tool
from .models.catalog import ANSWERED_BY_SHAPE, answered_by_is_valid

DEFAULT_CATALOG = Path(__file__).resolve().parent / "data" / "ita-frameworks.json"
DEFAULT_MAPPING = Path(__file__).resolve().parent / "data" / "ita-question-mapping.json"

# Used only when a partial framework names a tool without its title.
TOOL_NAMES = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
    "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ",
}


class CatalogError(Exception):
    """A catalog that cannot be loaded; the message says why in Thai."""


@dataclass
class LoadResult:
    fiscal_year: int
    version: int
    action: str  # "created", "updated", "unchanged", "new-version"
    questions: int


def _decimal(value):
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _answered_by(item, code, year):
    answers = item.get("answered_by") or []
    if not answered_by_is_valid(answers):
        raise CatalogError(f"answered_by ของข้อ {code} ในกรอบปี {year} ต้องอยู่ในรูป {ANSWERED_BY_SHAPE}")
    return answers


def answers_from_json(data):
    """{code: answered_by} of one framework entry of the JSON file (items that have one)."""
    if "tools" in data:
        items = [
            item
            for tool in data["tools"]
            for ind in tool.get("indicators", [])
            for item in ind.get("questions", [])
            + [q for sub in ind.get("sub_indicators", []) for q in sub.get("questions", [])]
        ]
    else:
        items = data.get("oit_items", [])
    answers = {}
    for item in items:
        code = thai.parse_question_code(item["code"])
        found = _answered_by(item, code, data["fiscal_year"])
        if found:
            answers[code] = found
    return answers


def answers_write(*, framework, answers):
    """Set each question's answered_by to the catalog's; True if any changed."""
    changed = []
    for question in framework.questions.all():
        wanted = answers.get(question.code, [])
        if question.answered_by != wanted:
            question.answered_by = wanted
            changed.append(question)
    Question.objects.bulk_update(changed, ["answered_by"])
    return bool(changed)


def snapshot_from_json(data):
    """The comparable content of one framework entry of the JSON file."""
    tools, indicators, subs, questions = [], [], [], []

    def add_question(item, tool_code, indicator=None, sub=None):
        code = thai.parse_question_code(item["code"])
        questions.append((code, tool_code, indicator, sub, (item.get("text_th") or "").strip()))

    if "tools" in data:
        for tool in data["tools"]:
            code = tool["code"]
            weight = (data.get("weights") or {}).get(code)
            tools.append((code, tool.get("name_th") or TOOL_NAMES.get(code, ""), _decimal(weight)))
            for ind in tool.get("indicators", []):
                score_from = ind.get("score_from") or Indicator.ScoreFrom.QUESTIONS
                if score_from not in Indicator.ScoreFrom.values:
                    raise CatalogError(
                        f"ตัวชี้วัดที่ {ind['number']} ปี {data['fiscal_year']}: "
                        f"ไม่รู้จักวิธีคิดคะแนน score_from “{score_from}”"
                    )
                indicators.append((code, int(ind["number"]), ind.get("name_th") or "", score_from))
                for item in ind.get("questions", []):
                    add_question(item, code, int(ind["number"]))
                for sub in ind.get("sub_indicators", []):
                    subs.append((int(ind["number"]), str(sub["number"]), sub.get("name_th") or ""))
                    for item in sub.get("questions", []):
                        add_question(item, code, int(ind["number"]), str(sub["number"]))
    else:
        weight = (data.get("weights") or {}).get("OIT")
        tools.append(("OIT", TOOL_NAMES["OIT"], _decimal(weight)))
        for item in data.get("oit_items", []):
            sub = item.get("sub_indicator")
            indicator = int(str(sub).split(".")[0]) if sub else None
            if indicator and ("OIT", indicator, "", "questions") not in indicators:
                indicators.append(("OIT", indicator, "", "questions"))
            if sub and (indicator, str(sub), "") not in subs:
                subs.append((indicator, str(sub), ""))
            add_question(item, "OIT", indicator, str(sub) if sub else None)

    codes = [q[0] for q in questions]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise CatalogError(f"รหัสซ้ำในกรอบปี {data['fiscal_year']}: {', '.join(duplicates)}")
    return _snapshot(
        status_note=data.get("status") or "",
        pass_mark=_decimal(data.get("pass_mark", 85)),
        sources=data.get("sources") or {},
        bands=[(b["rating"], _decimal(b["min"])) for b in (data.get("rating_bands") or [])],
        tools=tools,
        indicators=indicators,
        subs=subs,
        questions=questions,
    )


def snapshot_from_db(framework):
    """The same comparable content, read back from a stored framework."""
    questions = framework.questions.select_related("tool", "indicator", "sub_indicator")
    return _snapshot(
        status_note=framework.status_note,
        pass_mark=_decimal(framework.pass_mark),
        sources=framework.sources,
        bands=[(b.rating, _decimal(b.min_score)) for b in framework.rating_bands.all()],
        tools=[(t.code, t.name_th, _decimal(t.weight)) for t in framework.tools.all()],
        indicators=[
            (i.tool.code, i.number, i.name_th, i.score_from)
            for i in Indicator.objects.filter(tool__framework=framework).select_related("tool")
        ],
        subs=[
            (s.indicator.number, s.number, s.name_th)
            for s in SubIndicator.objects.filter(
                indicator__tool__framework=framework
            ).select_related("indicator")
        ],
        questions=[
            (
                q.code,
                q.tool.code,
                q.indicator.number if q.indicator else None,
                q.sub_indicator.number if q.sub_indicator else None,
                q.text_th,
            )
            for q in questions
        ],
    )


def _snapshot(*, bands, indicators, subs, **parts):
    # Bands, indicators and sub-indicators compare as sets; tools and questions keep their order.
    return {**parts, "bands": sorted(bands), "indicators": sorted(indicators), "subs": sorted(subs)}


def _write(framework, snap):
    """Replace a framework's content by a snapshot's (only ever on one not yet in use)."""
    framework.status_note = snap["status_note"]
    framework.pass_mark = snap["pass_mark"]
    framework.sources = snap["sources"]
    framework.full_clean()
    framework.save()
    framework.tools.all().delete()
    framework.rating_bands.all().delete()
    RatingBand.objects.bulk_create(
        RatingBand(framework=framework, rating=r, min_score=m) for r, m in snap["bands"]
    )
    tools = {
        code: Tool.objects.create(framework=framework, code=code, name_th=name, weight=w, order=n)
        for n, (code, name, w) in enumerate(snap["tools"])
    }
    indicators = {
        number: Indicator.objects.create(
            tool=tools[tool], number=number, name_th=name, score_from=score_from
        )
        for tool, number, name, score_from in snap["indicators"]
    }
    subs = {
        number: SubIndicator.objects.create(
            indicator=indicators[ind], number=number, name_th=name, order=n
        )
        for n, (ind, number, name) in enumerate(snap["subs"])
    }
    Question.objects.bulk_create(
        Question(
            framework=framework,
            tool=tools[tool],
            indicator=indicators.get(ind),
            sub_indicator=subs.get(sub),
            code=code,
            text_th=text,
            order=n,
        )
        for n, (code, tool, ind, sub, text) in enumerate(snap["questions"])
    )


@transaction.atomic
def framework_load(*, data, new_version=False):
    """Load one framework: create it, leave it if unchanged, or refuse to rewrite one in use."""
    year = int(data["fiscal_year"])
    snap = snapshot_from_json(data)
    answers = answers_from_json(data)
    current = Framework.objects.filter(fiscal_year=year).order_by("-version").first()
    if current is None:
        framework = Framework.objects.create(fiscal_year=year, version=1)
        action = "created"
    elif snapshot_from_db(current) == snap:
        action = "updated" if answers_write(framework=current, answers=answers) else "unchanged"
        return LoadResult(year, current.version, action, len(snap["questions"]))
    elif new_version:
        framework = Framework.objects.create(fiscal_year=year, version=current.version + 1)
        action = "new-version"
    elif current.is_in_use():
        raise CatalogError(
            f"กรอบการประเมินปี {year} ฉบับที่ {current.version} มีแผนมาตรการอ้างอิงอยู่แล้ว "
            "จึงไม่แก้ไขทับ หากต้องการใช้ข้อมูลใหม่ ให้สร้างฉบับใหม่ด้วย --new-version"
        )
    else:
        framework, action = current, "updated"
    _write(framework, snap)
    answers_write(framework=framework, answers=answers)
    return LoadResult(year, framework.version, action, len(snap["questions"]))


def catalog_read(path=DEFAULT_CATALOG):
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise CatalogError(f"อ่านไฟล์แค็ตตาล็อก {path} ไม่ได้: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("frameworks"), list):
        raise CatalogError(f"ไฟล์ {path} ไม่มีรายการ frameworks ตามรูปแบบแค็ตตาล็อก ITA")
    return data["frameworks"]


def catalog_load(*, path=DEFAULT_CATALOG, fiscal_year=None, new_version=False):
    """Load every framework of a catalog file (or only one fiscal year's), each atomically."""
    frameworks = catalog_read(path)
    if fiscal_year is not None:
        frameworks = [f for f in frameworks if int(f.get("fiscal_year", 0)) == fiscal_year]
        if not frameworks:
            raise CatalogError(f"ไม่พบกรอบการประเมินปี {fiscal_year} ในไฟล์ {path}")
    try:
        return [framework_load(data=f, new_version=new_version) for f in frameworks]
    except (KeyError, TypeError, thai.ThaiFormatError) as exc:
        raise CatalogError(f"ข้อมูลในไฟล์ {path} ไม่ครบหรือผิดรูปแบบ: {exc}") from exc


# --- OIT topics ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicCodes:
    """An OIT topic of the catalog (``oit_topics`` of a framework) and the item codes it covers."""

    topic: str
    codes: tuple


_TOPIC_NOISE = re.compile(r"[\s\u200b\-–—•·:()\[\]]|^[0-9๐-๙.)]+")


def _topic_key(text):
    return _TOPIC_NOISE.sub("", thai.to_arabic_digits(text or "").strip().lstrip("-–•· ").strip())


def oit_topic_codes(*, fiscal_year, text, path=DEFAULT_CATALOG):
    """The catalog's topics of ``fiscal_year`` that a row's topic text names, with their codes.

    OIT rows of real plans name a topic (``- ข้อมูลพื้นฐาน``, ``- การจัดซื้อจัดจ้าง``) instead of
    item codes. The answer is a list of candidates for the coordinator to confirm, never one
    guess: a text naming no known topic gives [], one naming several gives each (the longest
    match first). Texts are compared without spaces, bullets and leading numbering."""
    key = _topic_key(text)
    if not key:
        return []
    frameworks = [f for f in catalog_read(path) if int(f.get("fiscal_year", 0)) == fiscal_year]
    found = []
    for framework in frameworks:
        for entry in framework.get("oit_topics", []):
            names = [entry["topic"], *entry.get("aliases", [])]
            matched = [n for n in names if _topic_key(n) and _topic_key(n) in key]
            if matched:
                longest = max(len(_topic_key(n)) for n in matched)
                found.append((longest, TopicCodes(entry["topic"], tuple(entry["codes"]))))
    return [topic for _length, topic in sorted(found, key=lambda pair: -pair[0])]


# --- question codes from one framework to the next ---------------------------------------------


def question_mapping_read(path=DEFAULT_MAPPING):
    """The steps of the mapping file: [{"from": year, "to": year, "codes": {code: code}}, …]."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return [
            {
                "from": int(step["from"]),
                "to": int(step["to"]),
                "codes": {
                    thai.parse_question_code(old): thai.parse_question_code(new)
                    for old, new in step["codes"].items()
                },
            }
            for step in data["steps"]
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, thai.ThaiFormatError) as exc:
        raise CatalogError(f"อ่านไฟล์การจับคู่รหัสข้อคำถาม {path} ไม่ได้: {exc}") from exc


def question_code_mapping(*, from_year, to_year, path=DEFAULT_MAPPING):
    """{code of from_year: code of to_year}, following the file's steps from one framework to
    the next (2565 → 2566 → 2568 chains two). A code missing from any step on the way has no
    counterpart and is left out; with no chain of steps between the years, nothing maps."""
    if from_year == to_year:
        raise ValueError("the same framework year needs no mapping")
    steps = {step["from"]: step for step in question_mapping_read(path)}
    mapping, year = None, from_year
    while year != to_year:
        step = steps.get(year)
        if step is None or step["to"] > to_year:
            return {}
        mapping = (
            dict(step["codes"])
            if mapping is None
            else {old: step["codes"][new] for old, new in mapping.items() if new in step["codes"]}
        )
        year = step["to"]
    return mapping
