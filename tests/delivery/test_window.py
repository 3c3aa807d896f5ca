"""Send windows as a table of (due, expected) in UTC, including Europe/London DST changes."""

from dataclasses import replace
from datetime import UTC, datetime, time

import pytest

from bot.delivery.window import in_window, next_send_time
from bot.store.clinics import EXAMPLE_CLINIC

LONDON = EXAMPLE_CLINIC  # 09:00-20:00 Europe/London


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def stays(name, due):
    """A case where `due` is inside the window and is kept as it is."""
    return pytest.param(due, due, id=name)


def moves(name, due, expected):
    """A case where `due` is outside the window and moves to its next opening, `expected`."""
    return pytest.param(due, expected, id=name)


CASES = [
    # inside the window: unchanged (winter, GMT = UTC)
    stays("winter_inside", utc(2025, 1, 15, 14, 0)),
    # window start is inclusive, end exclusive
    stays("start_inclusive", utc(2025, 1, 15, 9, 0)),
    moves("end_exclusive", utc(2025, 1, 15, 20, 0), utc(2025, 1, 16, 9, 0)),
    # after the window: next morning
    moves("after_window_next_morning", utc(2025, 1, 15, 22, 30), utc(2025, 1, 16, 9, 0)),
    # before the window: this morning
    moves("before_window_this_morning", utc(2025, 1, 15, 6, 0), utc(2025, 1, 15, 9, 0)),
    # summer (BST = UTC+1): 08:30 UTC is 09:30 local, inside
    stays("summer_0930_bst_inside", utc(2025, 7, 1, 8, 30)),
    # summer: 19:30 UTC is 20:30 local, after; 09:00 BST is 08:00 UTC
    moves("summer_2030_bst_after", utc(2025, 7, 1, 19, 30), utc(2025, 7, 2, 8, 0)),
    # March change (30 March 2025, clocks go forward at 01:00 UTC): evening GMT -> morning BST
    moves("london_spring_eve", utc(2025, 3, 29, 21, 0), utc(2025, 3, 30, 8, 0)),
    # during the night of the change itself
    moves("london_spring_skipped_hour", utc(2025, 3, 30, 1, 30), utc(2025, 3, 30, 8, 0)),
    # October change (26 October 2025, clocks go back at 01:00 UTC): evening BST -> morning GMT
    moves("london_autumn_eve", utc(2025, 10, 25, 19, 30), utc(2025, 10, 26, 9, 0)),
    # the repeated hour 01:00-02:00 local happens twice; both map to 09:00 GMT
    moves("london_autumn_hour_once", utc(2025, 10, 26, 0, 30), utc(2025, 10, 26, 9, 0)),
    moves("london_autumn_hour_twice", utc(2025, 10, 26, 1, 30), utc(2025, 10, 26, 9, 0)),
]


@pytest.mark.parametrize(("due", "expected"), CASES)
def test_next_send_time_in_london(due, expected):
    assert next_send_time(due, LONDON, immediate=False) == expected


def test_immediate_steps_ignore_the_window():
    late = utc(2025, 1, 15, 23, 45)
    assert next_send_time(late, LONDON, immediate=True) == late


def test_result_is_utc():
    result = next_send_time(utc(2025, 7, 1, 22, 0), LONDON, immediate=False)
    assert result.utcoffset().total_seconds() == 0
    assert result.tzinfo is UTC


def test_other_zone_and_window():
    tokyo = replace(LONDON, timezone="Asia/Tokyo", window_start=time(10), window_end=time(18))
    # 10:00 UTC is 19:00 in Tokyo: after the window, next day 10:00 JST = 01:00 UTC
    assert next_send_time(utc(2025, 1, 15, 10), tokyo, immediate=False) == utc(2025, 1, 16, 1)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        stays("inside_before_midnight", utc(2025, 1, 15, 23, 0)),
        stays("inside_after_midnight", utc(2025, 1, 16, 1, 0)),
        moves("closed_opens_tonight", utc(2025, 1, 16, 3, 0), utc(2025, 1, 16, 22, 0)),
        moves("a_minute_before_opening", utc(2025, 1, 16, 21, 59), utc(2025, 1, 16, 22, 0)),
    ],
)
def test_window_across_midnight(due, expected):
    night = replace(LONDON, window_start=time(22), window_end=time(2))
    assert next_send_time(due, night, immediate=False) == expected


def test_empty_window_is_rejected_clearly():
    broken = replace(LONDON, window_start=time(9), window_end=time(9))
    with pytest.raises(ValueError, match="start and end must differ"):
        next_send_time(utc(2025, 1, 15, 12), broken, immediate=False)


def test_naive_times_are_rejected():
    with pytest.raises(ValueError, match="timezone-aware"):
        next_send_time(datetime(2025, 1, 15, 12), LONDON, immediate=False)


def test_in_window():
    assert in_window(utc(2025, 7, 1, 8, 0), LONDON)  # 09:00 BST
    assert not in_window(utc(2025, 7, 1, 7, 59), LONDON)
