"""The dashboard's figures on a small known plan, pinned on a fixed date."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from measures.models import ItaResult, Question
from reports.dashboard import dashboard_figures, default_year, round_progress
from tests.factories import make_entry, make_measure, make_organisation, make_plan, make_unit

pytestmark = pytest.mark.django_db

TODAY = date(2023, 6, 15)  # FY 2566, in the 12-month round


def build_known_plan():
    """12 measures of FY 2566 on three units; on 15 June 2023 three are overdue.

    number: questions, units (* = all), deadline, entries (done_on, status, percent, review)
    """
    org = make_organisation(slug="known", name_th="องค์การบริหารส่วนตำบลรู้จัก")
    a, b, c = (make_unit(org, name) for name in ("สำนักปลัด", "กองคลัง", "กองช่าง"))
    plan = make_plan(org, 2566)
    q = {x.code: x for x in Question.objects.filter(framework=plan.framework)}
    ip, done, ns = "in_progress", "done", "not_started"
    rows = {
        1: (
            ["i1"],
            [a],
            date(2023, 3, 31),
            [(date(2022, 11, 1), ip, 50, "approved"), (date(2023, 3, 20), done, 100, "approved")],
        ),
        2: (["i8"], [b], date(2023, 5, 31), [(date(2023, 1, 5), ip, 40, "approved")]),
        3: (["e6"], [a], date(2023, 4, 30), []),
        4: (["O42"], "*", date(2023, 6, 1), [(date(2023, 5, 1), ip, 80, "submitted")]),
        5: (["i2", "O20"], [c], date(2023, 7, 10), [(date(2023, 2, 1), ip, 60, "approved")]),
        6: (["e7"], [b], date(2023, 7, 15), [(date(2023, 6, 1), done, 100, "approved")]),
        7: (
            ["O42", "O43"],
            [c],
            date(2023, 9, 30),
            [(date(2023, 1, 5), ip, 10, "submitted"), (date(2023, 3, 1), ip, 20, "submitted")],
        ),
        8: ([], [a, b], None, []),
        # Its latest entry says in progress: an earlier "done" no longer counts.
        9: (
            ["i25"],
            [a],
            date(2023, 9, 30),
            [(date(2023, 1, 10), done, 100, "approved"), (date(2023, 2, 1), ip, 90, "draft")],
        ),
        10: (["e11"], [c], date(2023, 8, 31), [(date(2023, 5, 5), done, 100, "approved")]),
        11: (["O1"], [a], date(2023, 6, 14), [(date(2023, 6, 10), done, 100, "approved")]),
        12: (["i1", "i2"], [b], TODAY, [(date(2023, 1, 1), ns, 0, "approved")]),
    }
    measures = {}
    for number, (codes, units, deadline, entries) in rows.items():
        measure = make_measure(
            plan,
            number=number,
            order=number,
            title=f"มาตรการที่ {number}",
            units=[] if units == "*" else units,
            all_units=units == "*",
            deadline=deadline,
        )
        measure.questions.set([q[code] for code in codes])
        for done_on, status, percent, review in entries:
            make_entry(measure, done_on, status=status, percent=percent, review_state=review)
        measures[number] = measure
    ItaResult.objects.create(
        organisation=org, fiscal_year=2565, total_score=Decimal("87.50"), rating="A"
    )
    return SimpleNamespace(org=org, plan=plan, units=(a, b, c), measures=measures)


@pytest.fixture
def figures(known):
    return dashboard_figures(organisation=known.org, fiscal_year=2566, today=TODAY)


def counts(completion):
    return (
        completion.total,
        completion.done,
        completion.in_progress,
        completion.not_started,
        completion.mean_percent,
    )


def by_label(completions):
    return {c.label: counts(c) for c in completions}


def test_overall_completion_follows_each_measures_latest_approved_entry(figures):
    # Measures 4 and 7 have only entries waiting (not started); 9's latest is a draft, so its
    # approved "done" stands.
    assert counts(figures.overall) == (12, 5, 2, 5, Decimal("50.0"))


def test_a_measure_on_two_tools_counts_under_each_and_one_without_questions_under_none(figures):
    assert by_label(figures.by_tool) == {
        "IIT": (5, 2, 2, 1, Decimal("60.0")),
        "EIT": (3, 2, 0, 1, Decimal("66.7")),
        "OIT": (4, 1, 1, 2, Decimal("40.0")),
        "ไม่ระบุ": (1, 0, 0, 1, Decimal("0.0")),
    }


def test_a_measure_with_two_questions_of_one_indicator_counts_once_there(figures):
    rows = {c.filters["indicator"]: counts(c) for c in figures.by_indicator}
    assert rows[1] == (3, 1, 1, 1, Decimal("53.3"))
    assert rows[7] == (2, 1, 0, 1, Decimal("50.0"))
    assert rows[9] == (2, 1, 1, 0, Decimal("80.0"))
    assert rows[10] == (2, 0, 0, 2, Decimal("0.0"))
    assert rows[6] == (0, 0, 0, 0, None)
    assert rows["none"] == (1, 0, 0, 1, Decimal("0.0"))
    assert [c.filters["indicator"] for c in figures.by_indicator][:10] == list(range(1, 11))


def test_an_all_units_measure_counts_for_every_unit(figures):
    assert by_label(figures.by_unit) == {
        "สำนักปลัด": (6, 3, 0, 3, Decimal("50.0")),
        "กองคลัง": (5, 1, 1, 3, Decimal("28.0")),
        "กองช่าง": (4, 1, 1, 2, Decimal("40.0")),
    }


def test_three_measures_are_past_their_deadline_and_not_done(figures, known):
    assert figures.overdue_count == 3
    assert [m.number for m in figures.overdue] == [3, 2, 4]  # earliest deadline first


def test_deadlines_in_the_next_30_days_count_only_measures_not_done(figures):
    assert figures.upcoming_count == 2
    assert [m.number for m in figures.upcoming] == [12, 5]


def test_entries_waiting_for_approval_are_counted_with_their_measures(figures):
    assert (figures.pending_entries, figures.pending_measures) == (3, 2)


def test_drafts_and_returned_entries_are_counted_apart_and_move_no_figure(known):
    before = dashboard_figures(organisation=known.org, fiscal_year=2566, today=TODAY)
    assert before.unsent_entries == 1  # measure 9's draft
    measure = known.plan.measures.get(number=1)
    make_entry(measure, date(2023, 5, 1), status="done", percent=100, review_state="returned")
    after = dashboard_figures(organisation=known.org, fiscal_year=2566, today=TODAY)
    assert after.unsent_entries == 2
    assert counts(after.overall) == counts(before.overall)


def test_round_progress_compares_time_elapsed_with_measures_done(figures):
    r = figures.round
    assert (r.months, r.start, r.end) == (12, date(2022, 10, 1), date(2023, 9, 30))
    assert round(r.elapsed_share, 2) == round(100 * 258 / 365, 2)
    assert round(r.done_share, 2) == round(100 * 5 / 12, 2)
    assert not r.on_track


def test_last_years_ita_result_is_shown(figures):
    assert (figures.last_ita.total_score, figures.last_ita.rating) == (Decimal("87.50"), "A")


def test_without_a_result_of_last_year_there_is_none(known):
    ItaResult.objects.all().delete()
    assert dashboard_figures(organisation=known.org, fiscal_year=2566, today=TODAY).last_ita is None


def test_staff_figures_count_only_their_units_measures(known):
    c = known.units[2]
    figures = dashboard_figures(organisation=known.org, fiscal_year=2566, units=[c], today=TODAY)
    assert counts(figures.overall) == (4, 1, 1, 2, Decimal("40.0"))
    assert by_label(figures.by_unit) == {"กองช่าง": (4, 1, 1, 2, Decimal("40.0"))}
    assert figures.overdue_count == 1  # measure 4, for all units
    assert (figures.pending_entries, figures.pending_measures) == (3, 2)


def test_a_year_without_a_plan_has_no_figures(known):
    assert dashboard_figures(organisation=known.org, fiscal_year=2567, today=TODAY) is None


@pytest.mark.parametrize(
    ("on", "months", "elapsed"),
    [
        (date(2022, 9, 1), 6, 0.0),  # before the fiscal year
        (date(2022, 10, 1), 6, 100 / 182),
        (date(2023, 3, 31), 6, 100.0),
        (date(2023, 4, 1), 12, 100 * 183 / 365),
        (date(2024, 1, 1), 12, 100.0),  # a past year
    ],
)
def test_the_round_is_the_6_month_one_until_the_end_of_march(on, months, elapsed):
    r = round_progress(fiscal_year=2566, on=on, done=1, total=2)
    assert r.months == months
    assert r.elapsed_share == pytest.approx(elapsed)
    assert r.done_share == 50


def test_the_default_year_is_the_current_fiscal_year_when_it_has_a_plan():
    assert default_year(years=[2567, 2566], on=date(2023, 6, 15)) == 2566
    assert default_year(years=[2565, 2564], on=date(2023, 6, 15)) == 2565
    assert default_year(years=[], on=date(2023, 6, 15)) is None


def test_the_round_of_an_empty_plan_has_nothing_done():
    assert round_progress(fiscal_year=2566, on=TODAY, done=0, total=0).done_share == 0


def test_staff_without_a_unit_count_only_all_units_measures(known):
    figures = dashboard_figures(organisation=known.org, fiscal_year=2566, units=[], today=TODAY)
    assert counts(figures.overall) == (1, 0, 0, 1, Decimal("0.0"))  # measure 4: only waiting
    assert figures.by_unit == []
