from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from measures.models import ItaResult, ItaScore
from measures.results.services import TypedResult, result_save, result_scores
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db

D = Decimal
TEN = {f"ind:{n}": D(s) for n, s in enumerate(["85.00"] * 9 + ["84.90"], start=1)}


def test_saving_stores_typed_and_computed_scores_and_the_computed_total():
    org = make_organisation()
    result = result_save(organisation=org, fiscal_year=2565, typed=TypedResult(scores=TEN))
    scores = result_scores(result)
    assert scores["ind:10"].score == D("84.90") and scores["ind:10"].typed
    assert scores["tool:OIT"].score == D("84.95") and not scores["tool:OIT"].typed
    # 85 × 0.3 + 85 × 0.3 + 84.95 × 0.4 = 84.98
    assert (result.computed_total, result.computed_rating) == (D("84.98"), "B")
    assert result.framework.fiscal_year == 2565
    assert (result.total_score, result.rating) == (None, "")


def test_an_official_total_that_differs_is_kept_beside_the_computed_one():
    org = make_organisation()
    typed = TypedResult(scores=TEN, official_total=D("85.01"), official_rating="A")
    result = result_save(organisation=org, fiscal_year=2565, typed=typed)
    assert (result.total, result.shown_rating) == (D("85.01"), "A")
    assert result.totals_disagree
    result.total_score = D("84.99")
    assert not result.totals_disagree  # within 0.01


def test_saving_again_replaces_the_scores_but_keeps_an_official_total_not_typed_again():
    org = make_organisation()
    ItaResult.objects.create(organisation=org, fiscal_year=2565, total_score=D("78.42"))
    result_save(organisation=org, fiscal_year=2565, typed=TypedResult(scores={"q:i1": D(10)} | TEN))
    result = result_save(organisation=org, fiscal_year=2565, typed=TypedResult(scores=TEN))
    assert result.total_score == D("78.42")
    assert not ItaScore.objects.filter(result=result, question__isnull=False).exists()
    assert ItaResult.objects.filter(organisation=org).count() == 1


def test_a_result_typed_by_hand_before_scores_existed_stays_valid():
    result = ItaResult.objects.create(
        organisation=make_organisation(), fiscal_year=2565, total_score=D("78.42"), rating="B"
    )
    result.full_clean()
    assert (result.total, result.shown_rating, result.totals_disagree) == (D("78.42"), "B", False)


@pytest.mark.parametrize(
    ("year", "typed", "message"),
    [
        (2565, TypedResult(), "ไม่มีคะแนนให้บันทึก"),
        (2565, TypedResult(scores={"q:i99": D(1)}), "i99"),
        (2540, TypedResult(scores=TEN), "ยังไม่มีกรอบการประเมิน ITA ปี ๒๕๔๐"),
    ],
)
def test_what_cannot_be_saved_is_refused_and_nothing_is_stored(year, typed, message):
    org = make_organisation()
    with pytest.raises(ValidationError) as error:
        result_save(organisation=org, fiscal_year=year, typed=typed)
    assert message in " ".join(error.value.messages)
    assert not ItaResult.objects.filter(organisation=org).exists()


def test_the_typed_result_survives_json():
    typed = TypedResult(scores=TEN, official_total=D("85.01"), official_rating="A")
    assert TypedResult.from_json(typed.as_json()) == typed
