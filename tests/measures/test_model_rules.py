"""Rules a model checks in full_clean(), and what it derives from its own fields."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from itaportal import thai
from measures.models import Framework, ProgressEntry, Theme
from tests.factories import make_entry, make_measure, make_organisation, make_plan


def test_an_entry_dated_31_march_belongs_to_both_rounds():
    entry = ProgressEntry(done_on=thai.parse_date("31 มี.ค. ๒๕๖๖"))
    assert entry.rounds == (6, 12)
    assert entry.fiscal_year == 2566


def test_an_entry_dated_1_april_belongs_to_the_12_month_round_only():
    entry = ProgressEntry(done_on=thai.parse_date("1 เม.ย. ๒๕๖๖"))
    assert entry.rounds == (12,)
    assert entry.fiscal_year == 2566


def test_an_entry_dated_1_october_opens_the_next_fiscal_year():
    assert ProgressEntry(done_on=date(2023, 10, 1)).fiscal_year == 2567


@pytest.mark.django_db
def test_entries_of_a_round_are_selected_by_their_date():
    measure = make_measure(make_plan(make_organisation()))
    october = make_entry(measure, date(2022, 10, 1))
    march = make_entry(measure, date(2023, 3, 31))
    april = make_entry(measure, date(2023, 4, 1))
    september = make_entry(measure, date(2023, 9, 30))
    make_entry(measure, date(2023, 10, 1))  # next fiscal year: in neither round
    six = set(ProgressEntry.objects.in_round(2566, 6))
    twelve = set(ProgressEntry.objects.in_round(2566, 12))
    assert six == {october, march}
    assert twelve == {october, march, april, september}


@pytest.mark.django_db
def test_an_entry_outside_the_plans_fiscal_year_is_refused_in_thai():
    measure = make_measure(make_plan(make_organisation(), fiscal_year=2566))
    entry = ProgressEntry(
        measure=measure, done_on=date(2023, 10, 2), description="x", status="in_progress"
    )
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "ปีงบประมาณ ๒๕๖๖" in error.value.message_dict["done_on"][0]


@pytest.mark.django_db
def test_a_measure_period_may_begin_before_the_fiscal_year_but_not_end_after_it():
    measure = make_measure(make_plan(make_organisation(), fiscal_year=2566))
    measure.period_start = date(2022, 9, 1)  # ก.ย. ๖๕ - ก.ย. ๖๖: the form warns, the model accepts
    measure.full_clean()
    measure.period_end = date(2023, 10, 1)
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "period_end" in error.value.message_dict


@pytest.mark.django_db
def test_a_measure_period_is_stored_as_whole_months():
    measure = make_measure(make_plan(make_organisation()))
    measure.period_start, measure.period_end = date(2022, 10, 15), date(2023, 3, 31)
    measure.full_clean()
    assert (measure.period_start, measure.period_end) == (date(2022, 10, 1), date(2023, 3, 1))
    assert measure.period_text == "ต.ค. ๖๕ - มี.ค. ๖๖"


@pytest.mark.django_db
def test_a_measure_cannot_take_another_plans_theme():
    org = make_organisation()
    other_theme = Theme.objects.create(plan=make_plan(org, 2567), number=1, title="ก")
    measure = make_measure(make_plan(org, 2566))
    measure.theme = other_theme
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "theme" in error.value.message_dict


@pytest.mark.django_db
def test_a_plan_cannot_answer_a_later_years_framework():
    later = Framework.objects.get(fiscal_year=2568)
    plan = make_plan(make_organisation(), fiscal_year=2566)
    plan.framework = later
    with pytest.raises(ValidationError):
        plan.full_clean()


@pytest.mark.django_db
def test_a_reserved_slug_is_refused_with_a_thai_message():
    org = make_organisation()
    org.slug = "my-work"
    with pytest.raises(ValidationError) as error:
        org.full_clean()
    assert "สงวนไว้" in error.value.message_dict["slug"][0]


@pytest.mark.django_db
def test_the_rating_of_a_score_follows_the_frameworks_bands(framework_2565):
    assert framework_2565.rating_for(95) == "AA"
    assert framework_2565.rating_for(84.99) == "B"
    assert framework_2565.rating_for(85) == "A"
    assert framework_2565.rating_for(10) == "F"
