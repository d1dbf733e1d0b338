"""The analysis of a result, as the yearly analysis document sets it out: indicators ranked,
the weakest and strongest questions, per tool the questions below the pass mark, each weak one
with its development approach, and the change since earlier results."""

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import DevelopmentApproach, ItaResult
from .services import result_scores
from .tree import label_of

APPROACH_CATALOG = Path(__file__).resolve().parents[1] / "data" / "ita-approaches.json"
WEAKEST = 5
STRONGEST = 3
EARLIER_YEARS = 3


@lru_cache(maxsize=4)
def _approach_catalog(path=APPROACH_CATALOG):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh).get("approaches", {})


def approach_suggestions(*, fiscal_year, code):
    """Typical approaches for a question of a framework year (measures/data/ita-approaches.json)."""
    return list(_approach_catalog().get(str(fiscal_year), {}).get(code, []))


@dataclass
class Item:
    question: object
    score: Decimal
    approach: str = ""
    suggestions: list = field(default_factory=list)
    bound_field: object = None  # the approach's field on a coordinator's page
    measures: list = field(default_factory=list)  # of the next year's plan, answering it


@dataclass
class Comparison:
    years: list  # earlier years then this one
    rows: list  # (label, [score or None per year], change since the year before or None)


@dataclass
class Analysis:
    result: ItaResult
    pass_mark: Decimal
    indicators: list  # (Indicator, score), highest first
    weakest: list  # Items below the pass mark, lowest first, at most WEAKEST
    strongest: list  # Items, highest first, at most STRONGEST
    weak_by_tool: list  # (Tool, [Item below the pass mark, lowest first])
    comparison: Comparison | None

    @property
    def highest(self):
        return self.indicators[0] if self.indicators else None

    @property
    def lowest(self):
        return self.indicators[-1] if len(self.indicators) > 1 else None

    @property
    def weak_items(self):
        """Every question below the pass mark, each once: those that need an approach."""
        return [item for _tool, items in self.weak_by_tool for item in items]


def result_analyse(*, result):
    framework = result.framework
    scores = result_scores(result)
    approaches = dict(result.approaches.values_list("question_id", "text"))
    pass_mark = framework.pass_mark

    def item(row):
        return Item(
            question=row.question,
            score=row.score,
            approach=approaches.get(row.question_id, ""),
            suggestions=approach_suggestions(
                fiscal_year=framework.fiscal_year, code=row.question.code
            ),
        )

    questions = [item(row) for key, row in scores.items() if key.startswith("q:")]
    by_score = sorted(questions, key=lambda i: (i.score, i.question.order))
    weak = [i for i in by_score if i.score < pass_mark]
    tools = list(framework.tools.order_by("order"))
    return Analysis(
        result=result,
        pass_mark=pass_mark,
        indicators=sorted(
            ((row.indicator, row.score) for k, row in scores.items() if k.startswith("ind:")),
            key=lambda pair: (-pair[1], pair[0].number),
        ),
        weakest=weak[:WEAKEST],
        strongest=sorted(questions, key=lambda i: (-i.score, i.question.order))[:STRONGEST],
        weak_by_tool=[
            (tool, [i for i in weak if i.question.tool_id == tool.pk])
            for tool in tools
            if any(i.question.tool_id == tool.pk for i in weak)
        ],
        comparison=_comparison(result, scores),
    )


def _comparison(result, scores):
    earlier = list(
        ItaResult.objects.filter(
            organisation=result.organisation, fiscal_year__lt=result.fiscal_year
        ).order_by("-fiscal_year")[:EARLIER_YEARS]
    )[::-1]
    if not earlier:
        return None
    results = [*earlier, result]
    by_year = [result_scores(r) for r in earlier] + [scores]
    rows = [("คะแนนรวม", [r.total for r in results])]
    # Indicators are matched by number: the 2565–2566 frameworks share their ten.
    indicators = sorted(
        (row.indicator for key, row in scores.items() if key.startswith("ind:")),
        key=lambda indicator: indicator.number,
    )
    for indicator in indicators:
        key = f"ind:{indicator.number}"
        values = [s[key].score if key in s else None for s in by_year]
        rows.append((label_of(indicator, "indicator"), values))
    return Comparison(
        years=[r.fiscal_year for r in results],
        rows=[(label, values, _change(values[-2], values[-1])) for label, values in rows],
    )


def _change(before, now):
    return None if before is None or now is None else now - before


@transaction.atomic
def approaches_save(*, result, texts):
    """Store the development approach typed for each question (code → text); an empty text
    removes the question's approach."""
    questions = {q.code: q for q in result.framework.questions.filter(code__in=list(texts))}
    unknown = sorted(set(texts) - set(questions))
    if unknown:
        raise ValidationError(f"ไม่พบข้อ {', '.join(unknown)} ในกรอบการประเมินของผลนี้")
    for code, text in texts.items():
        text = (text or "").strip()
        if not text:
            result.approaches.filter(question=questions[code]).delete()
            continue
        approach = result.approaches.filter(question=questions[code]).first() or (
            DevelopmentApproach(result=result, question=questions[code])
        )
        approach.text = text
        approach.full_clean()
        approach.save()
