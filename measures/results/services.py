"""Saving an ITA result: the typed scores, and every score the framework's rules give from them."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from itaportal import thai

from ..models import Framework, ItaResult, ItaScore
from .scoring import Shape, scores_compute, two_places


@dataclass
class TypedResult:
    """What a person typed, pasted or uploaded: scores by key (see scoring), official figures."""

    scores: dict = field(default_factory=dict)
    official_total: Decimal | None = None
    official_rating: str = ""

    def as_json(self):
        return {
            "scores": {k: str(v) for k, v in self.scores.items()},
            "official_total": None if self.official_total is None else str(self.official_total),
            "official_rating": self.official_rating,
        }

    @classmethod
    def from_json(cls, data):
        total = data.get("official_total")
        return cls(
            scores={k: Decimal(v) for k, v in data["scores"].items()},
            official_total=None if total is None else Decimal(total),
            official_rating=data.get("official_rating") or "",
        )

    @property
    def is_empty(self):
        return not self.scores and self.official_total is None and not self.official_rating


def framework_for_assessment(fiscal_year):
    """The framework an assessment of that fiscal year was made by (its latest version)."""
    framework = Framework.objects.filter(fiscal_year=fiscal_year).order_by("-version").first()
    if framework is None:
        raise ValidationError(
            f"ยังไม่มีกรอบการประเมิน ITA ปี {thai.to_thai_digits(fiscal_year)} ในระบบ "
            "กรุณาแจ้งผู้ดูแลระบบให้นำเข้ากรอบการประเมินของปีนั้นก่อน"
        )
    return framework


@transaction.atomic
def result_save(*, organisation, fiscal_year, typed, shape=None):
    """Store a result: its typed scores and the computed ones replace any stored before;
    official figures not typed this time keep their stored value."""
    if typed.is_empty:
        raise ValidationError("ไม่มีคะแนนให้บันทึก กรุณากรอกคะแนนอย่างน้อยหนึ่งรายการ")
    shape = shape or Shape.of(framework_for_assessment(fiscal_year))
    unknown = sorted(set(typed.scores) - set(shape.by_key))
    if unknown:
        raise ValidationError(f"ไม่พบรายการ {', '.join(unknown)} ในกรอบการประเมินปีนี้")
    computed = scores_compute(shape=shape, typed=typed.scores)
    result, _ = ItaResult.objects.select_for_update().get_or_create(
        organisation=organisation, fiscal_year=fiscal_year
    )
    result.framework = shape.framework
    if typed.official_total is not None:
        result.total_score = typed.official_total
    if typed.official_rating:
        result.rating = typed.official_rating
    result.computed_total = computed.total
    result.computed_rating = computed.rating
    result.full_clean()
    result.save()
    result.scores.all().delete()
    ItaScore.objects.bulk_create(
        _score_row(result, shape.by_key[key], two_places(value), key in computed.typed)
        for key, value in computed.scores.items()
    )
    return result


def _score_row(result, target, score, typed):
    """An ItaScore row for a catalog object; a question also names its indicator and tool."""
    row = ItaScore(result=result, score=score, typed=typed)
    kind = target._meta.model_name
    if kind == "question":
        row.question, row.sub_indicator_id = target, target.sub_indicator_id
        row.indicator_id, row.tool_id = target.indicator_id, target.tool_id
    elif kind == "subindicator":
        row.sub_indicator, row.indicator_id = target, target.indicator_id
        row.tool_id = target.indicator.tool_id
    elif kind == "indicator":
        row.indicator, row.tool_id = target, target.tool_id
    else:
        row.tool = target
    return row


def result_scores(result):
    """A stored result's scores by key, as scoring names them."""
    keys = {}
    for row in result.scores.select_related("tool", "indicator", "sub_indicator", "question"):
        if row.question_id:
            key = f"q:{row.question.code}"
        elif row.sub_indicator_id:
            key = f"sub:{row.sub_indicator.number}"
        elif row.indicator_id:
            key = f"ind:{row.indicator.number}"
        else:
            key = f"tool:{row.tool.code}"
        keys[key] = row
    return keys
