import pytest
from hypothesis import given
from hypothesis import strategies as st

from itaportal.thai import spacing_length
from reports.columns import MAX_WIDTH, MIN_WIDTH, fit_widths, unbroken_width


def cell(*lengths, size=1.0):
    return [(n, size) for n in lengths]


def test_marks_above_and_below_letters_take_no_width():
    assert spacing_length("น้ำ") == 2  # น ้ ำ: the tone mark sits above
    assert spacing_length("ผู้บริหาร") == 6  # ู and ้ sit below and above ผ, ิ above ร
    assert spacing_length("abc") == 3


def test_no_rows_no_widths():
    assert fit_widths([]) == []


def test_the_column_with_the_long_texts_gets_the_room():
    long_results = [cell(40), cell(10), cell(60, 60), cell(30), cell(120, 120, 120, 120)]
    long_steps = [cell(40), cell(10), cell(160, 160, 160, 160), cell(30), cell(40)]
    for_results = fit_widths([long_results] * 10)
    for_steps = fit_widths([long_steps] * 10)
    assert for_results[4] == max(for_results)
    assert for_steps[2] == max(for_steps)
    assert for_results[4] > for_steps[4]
    assert for_steps[2] > for_results[2]


def test_equal_columns_stay_equal():
    assert fit_widths([[cell(50)] * 4] * 3) == [25, 25, 25, 25]


def test_small_evidence_lines_count_for_less():
    big = fit_widths([[cell(100), cell(20), cell(20), cell(150)]])
    small = fit_widths([[cell(100), cell(20), cell(20), cell(150, size=0.5)]])
    assert small[3] < big[3]


def test_a_column_that_holds_a_long_unbroken_name_keeps_its_floor():
    rows = [[cell(400), cell(12), cell(10), cell(10), cell(10), cell(10)]] * 5
    floor = unbroken_width(spacing_length("ศาสนาและวัฒนธรรม"))
    assert 12 <= floor <= 16  # 15 characters of about 0.2 cm, on a 26.7 cm table
    assert fit_widths(rows)[1] < floor  # short texts: the least room
    widths = fit_widths(rows, floors={1: floor})
    assert widths[1] == floor
    assert sum(widths) == 100


def test_floors_beyond_the_table_are_refused():
    with pytest.raises(ValueError):
        fit_widths([[cell(1)] * 3], floors={0: 45, 1: 45, 2: 45})


@given(
    st.lists(
        st.lists(st.lists(st.integers(0, 400), max_size=6), min_size=6, max_size=6),
        min_size=1,
        max_size=15,
    )
)
def test_widths_are_whole_percents_within_bounds_summing_to_100(table):
    widths = fit_widths([[cell(*lengths) for lengths in row] for row in table])
    assert sum(widths) == 100
    assert all(MIN_WIDTH <= w <= MAX_WIDTH for w in widths)
    assert len(widths) == 6
