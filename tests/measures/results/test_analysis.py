"""The analysis of a result: ranking, weakest and strongest, per tool, approaches, earlier years."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from measures.models import DevelopmentApproach, ItaResult
from measures.results.analysis import approaches_save, result_analyse
from measures.results.services import TypedResult, result_save
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db

D = Decimal
INDICATORS = [
    "93.58",
    "88.21",
    "90.47",
    "85.12",
    "79.30",
    "86.67",
    "81.40",
    "78.95",
    "82.35",
    "62.50",
]
QUESTIONS = {
    "i7": "71.20",
    "i10": "74.05",
    "e6": "69.90",
    "e11": "72.44",
    "O20": "0",
    "O42": "50",
    "O43": "84.99",
    "i1": "97.10",
    "e1": "95.50",
    "O1": "100",
}


def saved_result(org=None, year=2565):
    scores = {f"ind:{n}": D(s) for n, s in enumerate(INDICATORS, start=1)}
    scores |= {f"q:{code}": D(s) for code, s in QUESTIONS.items()}
    return result_save(
        organisation=org or make_organisation(), fiscal_year=year, typed=TypedResult(scores=scores)
    )


def codes(items):
    return [item.question.code for item in items]


def test_indicators_are_ranked_with_the_highest_and_lowest():
    analysis = result_analyse(result=saved_result())
    assert [ind.number for ind, _ in analysis.indicators] == [1, 3, 2, 6, 4, 9, 7, 5, 8, 10]
    assert (analysis.highest[0].number, analysis.lowest[0].number) == (1, 10)


def test_the_weakest_five_below_the_pass_mark_and_the_strongest_three():
    analysis = result_analyse(result=saved_result())
    assert codes(analysis.weakest) == ["O20", "O42", "e6", "i7", "e11"]
    assert codes(analysis.strongest) == ["O1", "i1", "e1"]


def test_per_tool_every_question_below_the_pass_mark_lowest_first():
    analysis = result_analyse(result=saved_result())
    by_tool = {tool.code: codes(items) for tool, items in analysis.weak_by_tool}
    assert by_tool == {"IIT": ["i7", "i10"], "EIT": ["e6", "e11"], "OIT": ["O20", "O42", "O43"]}
    assert len(analysis.weak_items) == 7  # 84.99 is below 85


def test_weak_questions_carry_their_approach_and_the_catalogs_suggestions():
    result = saved_result()
    approaches_save(result=result, texts={"O42": "  ประกาศมาตรการภายในเดือนตุลาคม  "})
    o42 = next(i for i in result_analyse(result=result).weakest if i.question.code == "O42")
    assert o42.approach == "ประกาศมาตรการภายในเดือนตุลาคม"
    assert any("มาตรการส่งเสริมคุณธรรม" in text for text in o42.suggestions)


def test_an_empty_approach_removes_it_and_an_unknown_code_is_refused():
    result = saved_result()
    approaches_save(result=result, texts={"O42": "ก"})
    approaches_save(result=result, texts={"O42": " "})
    assert not DevelopmentApproach.objects.filter(result=result).exists()
    with pytest.raises(ValidationError):
        approaches_save(result=result, texts={"i99": "ก"})


def test_earlier_results_are_compared_year_over_year():
    org = make_organisation()
    ItaResult.objects.create(organisation=org, fiscal_year=2564, total_score=D("78.42"))
    analysis = result_analyse(result=saved_result(org))
    comparison = analysis.comparison
    assert comparison.years == [2564, 2565]
    label, totals, change = comparison.rows[0]
    assert label == "คะแนนรวม"
    assert totals == [D("78.42"), D("79.87")]
    assert change == D("1.45")
    assert comparison.rows[1][0] == "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"
    assert comparison.rows[1][1:] == ([None, D("93.58")], None)


def test_a_first_result_has_no_comparison():
    assert result_analyse(result=saved_result()).comparison is None
