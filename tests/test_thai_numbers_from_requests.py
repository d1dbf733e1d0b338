"""Numbers and ids read from requests: Thai or Arabic digits only, and never beyond 64 bits."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itaportal.thai import MAX_ID, read_id, read_whole_number


@pytest.mark.parametrize(
    "typed, number",
    [("2566", 2566), ("๒๕๖๖", 2566), (" ๕๐ ", 50), ("1,000", 1000), ("๐", 0), ("\u200b๗", 7)],
)
def test_thai_and_arabic_digits_are_read(typed, number):
    assert read_whole_number(typed) == number


@pytest.mark.parametrize(
    "typed",
    # str.isdigit() says yes to the first six; int() rejects ² and ① and reads ٣ as 3.
    ["²", "٣", "۴", "①", "１２", "๒๕๖๖²", "-5", "5.0", "", " ", "สาม", "1e3", "\x00", None, [1]],
)
def test_other_digits_signs_and_junk_are_not_numbers(typed):
    assert read_whole_number(typed) is None


def test_a_number_too_long_for_a_database_integer_is_not_read():
    assert read_whole_number("9" * 18) == 10**18 - 1
    assert read_whole_number("9" * 19) is None
    assert read_whole_number(str(2**64)) is None


@pytest.mark.parametrize("typed", ["0", str(MAX_ID + 1), str(10**40), "-1", "abc"])
def test_an_id_is_a_positive_64_bit_integer(typed):
    assert read_id(typed) is None
    assert read_id("17") == 17


@given(st.text())
def test_any_text_is_a_number_that_fits_or_none(text):
    number = read_whole_number(text)
    assert number is None or 0 <= number <= MAX_ID
