"""The database refuses the bad ITA scores the results' constraints exist for (each constraint's
bad write runs in tests/measures/test_model_constraints.py, which checks none is missing)."""

from measures.models import (
    DevelopmentApproach,
    Framework,
    Indicator,
    ItaResult,
    ItaScore,
    SubIndicator,
)
from tests.factories import make_organisation


def _result():
    return ItaResult.objects.create(organisation=make_organisation(), fiscal_year=2565)


def _framework():
    return Framework.objects.get(fiscal_year=2565, version=1)


def _twice(**target):
    result = _result()
    ItaScore.objects.bulk_create([ItaScore(result=result, score=80, **target)] * 2)


def _question():
    return _framework().questions.get(code="O42")


def _two_question_scores():
    q = _question()
    _twice(tool_id=q.tool_id, indicator_id=q.indicator_id, question=q)


def _two_sub_indicator_scores():
    sub = SubIndicator.objects.get(indicator__tool__framework=_framework(), number="9.1")
    _twice(tool_id=sub.indicator.tool_id, indicator=sub.indicator, sub_indicator=sub)


def _two_indicator_scores():
    ind = Indicator.objects.get(tool__framework=_framework(), number=1)
    _twice(tool_id=ind.tool_id, indicator=ind)


def _two_approaches():
    result, q = _result(), _question()
    DevelopmentApproach.objects.bulk_create(
        [DevelopmentApproach(result=result, question=q, text="ก")] * 2
    )


RESULTS_BAD_WRITES = {
    "indicator_score_from_valid": lambda: Indicator.objects.filter(
        tool__framework=_framework(), number=1
    ).update(score_from="median"),
    "ita_result_computed_0_100": lambda: ItaResult.objects.create(
        organisation=make_organisation(), fiscal_year=2565, computed_total=100.01
    ),
    "ita_score_0_100": lambda: ItaScore.objects.create(
        result=_result(), tool=_framework().tools.get(code="IIT"), score=-1
    ),
    "ita_score_one_per_question": _two_question_scores,
    "ita_score_one_per_sub_indicator": _two_sub_indicator_scores,
    "ita_score_one_per_indicator": _two_indicator_scores,
    "ita_score_one_per_tool": lambda: _twice(tool=_framework().tools.get(code="IIT")),
    "approach_one_per_question": _two_approaches,
}
