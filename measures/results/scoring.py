"""An ITA result computed by its framework's rules, which are data (they change between years).

An indicator's score is the mean of its questions, or of its sub-indicators where the framework
says so (``Indicator.score_from``); a sub-indicator's the mean of its questions; a tool's the mean
of its indicators; the total the sum of the tools' scores weighted by ``Tool.weight`` (per cent);
the rating comes from the framework's bands. A score typed from NACC's figures always wins over
one computed, so a result typed at the indicator level alone still gives the total.

Scores are keyed by strings, so a typed result survives JSON (a signed preview, a file):
``tool:IIT``, ``ind:9``, ``sub:9.1``, ``q:O42``.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..models import Framework, Indicator, SubIndicator

CENT = Decimal("0.01")


def two_places(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def tool_key(tool):
    return f"tool:{tool.code}"


def indicator_key(indicator):
    return f"ind:{indicator.number}"


def sub_key(sub):
    return f"sub:{sub.number}"


def question_key(question):
    return f"q:{question.code}"


@dataclass
class Shape:
    """A framework's tree, read once: tools → indicators → sub-indicators → questions."""

    framework: Framework
    tools: list
    indicators_of: dict  # tool pk -> [Indicator]
    subs_of: dict  # indicator pk -> [SubIndicator]
    questions_of_indicator: dict  # indicator pk -> [Question]
    questions_of_sub: dict  # sub-indicator pk -> [Question]
    # Items a partly known framework places in no indicator: scored, but in no mean.
    loose_questions_of: dict  # tool pk -> [Question]
    by_key: dict = field(default_factory=dict)  # score key -> catalog object

    @classmethod
    def of(cls, framework):
        tools = list(framework.tools.order_by("order"))
        indicators = list(Indicator.objects.filter(tool__framework=framework).order_by("number"))
        subs = list(
            SubIndicator.objects.filter(indicator__in=indicators)
            .select_related("indicator")
            .order_by("indicator__number", "order")
        )
        questions = list(framework.questions.order_by("order"))
        shape = cls(
            framework=framework,
            tools=tools,
            indicators_of={t.pk: [i for i in indicators if i.tool_id == t.pk] for t in tools},
            subs_of={i.pk: [s for s in subs if s.indicator_id == i.pk] for i in indicators},
            questions_of_indicator={
                i.pk: [q for q in questions if q.indicator_id == i.pk] for i in indicators
            },
            questions_of_sub={
                s.pk: [q for q in questions if q.sub_indicator_id == s.pk] for s in subs
            },
            loose_questions_of={
                t.pk: [q for q in questions if q.tool_id == t.pk and q.indicator_id is None]
                for t in tools
            },
        )
        for group, key in (
            (tools, tool_key),
            (indicators, indicator_key),
            (subs, sub_key),
            (questions, question_key),
        ):
            shape.by_key.update((key(o), o) for o in group)
        return shape

    @property
    def indicators(self):
        return [i for t in self.tools for i in self.indicators_of[t.pk]]

    @property
    def questions(self):
        return [o for k, o in self.by_key.items() if k.startswith("q:")]


@dataclass
class Computed:
    """Every score the typed ones give (exact; round with two_places to show or store)."""

    scores: dict
    typed: set
    total: Decimal | None
    rating: str
    passed: bool | None


def _mean(values):
    if not values or any(v is None for v in values):
        return None  # a mean of a part would look official and be wrong
    return sum(values, Decimal(0)) / len(values)


def scores_compute(*, shape, typed):
    """All scores of a result from the typed ones (a dict of score key → Decimal)."""
    scores = {}

    def score(key, compute):
        if key not in scores:
            scores[key] = typed[key] if key in typed else compute()
        return scores[key]

    def of_questions(questions):
        return _mean([typed.get(question_key(q)) for q in questions])

    def sub_score(sub):
        return score(sub_key(sub), lambda: of_questions(shape.questions_of_sub[sub.pk]))

    def indicator_score(ind):
        subs = shape.subs_of[ind.pk]
        if ind.score_from == Indicator.ScoreFrom.SUB_INDICATORS and subs:
            return score(indicator_key(ind), lambda: _mean([sub_score(s) for s in subs]))
        for sub in subs:
            sub_score(sub)
        return score(indicator_key(ind), lambda: of_questions(shape.questions_of_indicator[ind.pk]))

    def tool_score(tool):
        return score(
            tool_key(tool),
            lambda: _mean([indicator_score(i) for i in shape.indicators_of[tool.pk]]),
        )

    tool_scores = [(t.weight, tool_score(t)) for t in shape.tools]
    for key, value in typed.items():
        scores.setdefault(key, value)
    total = None
    weights = [w for w, _ in tool_scores]
    if tool_scores and None not in weights and sum(weights) == 100:
        if all(s is not None for _, s in tool_scores):
            total = two_places(sum((w * s for w, s in tool_scores), Decimal(0)) / 100)
    framework = shape.framework
    return Computed(
        scores={k: v for k, v in scores.items() if v is not None},
        typed=set(typed),
        total=total,
        rating=framework.rating_for(total) if total is not None else "",
        passed=None if total is None else total >= framework.pass_mark,
    )
