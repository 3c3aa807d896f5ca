"""Numbers staff type: 0-9 only, within the range, every refusal naming what is valid."""

from __future__ import annotations

import pytest

from bot.people.numbers import MAX_NUMBER, foreign_digits, has_digit, parse_number
from bot.people.outcomes import Refused


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("12", 12, id="plain"),
        pytest.param("#12", 12, id="with_hash"),
        pytest.param(" 7 ", 7, id="spaces"),
        pytest.param("007", 7, id="leading_zeros"),
        pytest.param(str(MAX_NUMBER), MAX_NUMBER, id="largest"),
    ],
)
def test_numbers_written_with_0_to_9_in_range_are_read(typed, expected):
    assert parse_number(typed, "patient number") == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        pytest.param("12345678901234567890123", "from 1 to 999999999", id="overflow"),
        pytest.param("1" * 5000, "from 1 to 999999999", id="thousands_of_digits"),
        pytest.param("0", "There is no patient number 0", id="zero"),
        pytest.param("1000000000", "from 1 to 999999999", id="one_past_the_range"),
        pytest.param("٣", "digits 0-9", id="arabic_indic"),
        pytest.param("۳", "digits 0-9", id="extended_arabic_indic"),
        pytest.param("३", "digits 0-9", id="devanagari"),
        pytest.param("１２", "digits 0-9", id="fullwidth"),
        pytest.param("1٣", "digits 0-9", id="mixed_scripts"),
        pytest.param("²", "is not a patient number", id="superscript_two"),
        pytest.param("-1", "is not a patient number", id="negative"),
        pytest.param("1.5", "is not a patient number", id="decimal"),
        pytest.param("twelve", "is not a patient number", id="word"),
        pytest.param("", "is not a patient number", id="empty"),
    ],
)
def test_other_numbers_are_refused_with_the_valid_range_or_the_digits(typed, says):
    refused = parse_number(typed, "patient number", example="/queue 12")
    assert isinstance(refused, Refused)
    assert says in refused.message
    assert len(refused.message) < 300  # what was typed is shortened


def test_a_custom_range_is_named_in_the_refusal():
    assert parse_number("21", "session number", low=1, high=20) == Refused(
        "There is no session number 21: session numbers run from 1 to 20."
    )


@pytest.mark.parametrize(
    ("text", "any_digit", "foreign"),
    [
        pytest.param("Amira", False, False, id="name"),
        pytest.param("Amira 2", True, False, id="ascii_digit"),
        pytest.param("٣", True, True, id="arabic_indic"),
        pytest.param("²", False, False, id="superscript_is_no_digit"),
    ],
)
def test_digit_detection(text, any_digit, foreign):
    assert (has_digit(text), foreign_digits(text)) == (any_digit, foreign)
