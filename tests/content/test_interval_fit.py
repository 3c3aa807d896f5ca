"""A clinic's series interval against the timeline: too short and the booking prompt would come
before the care messages; the refusal names the interval and both steps with their offsets."""

from datetime import timedelta

import pytest

from content.offset import parse_offset
from content.step import Step
from content.timeline import Timeline, interval_problem, load_timeline

SHIPPED = load_timeline()


def step(step_id, offset):
    return Step(step_id, parse_offset(offset), False, timedelta(days=1), "care", "", ())


@pytest.mark.parametrize(
    ("timeline", "days", "expected"),
    [
        pytest.param(
            SHIPPED, 2,
            "a series interval of 2 days is too short for the timeline: step book_next "
            "(interval - 5d) would be sent before step week1_collagen (7d); use at least 13 days",
            id="shipped_2_days_books_before_the_week1_step",
        ),
        pytest.param(
            SHIPPED, 1,
            "a series interval of 1 day is too short for the timeline: step book_next "
            "(interval - 5d) would be sent before step week1_collagen (7d); use at least 13 days",
            id="shipped_1_day",
        ),
        pytest.param(
            SHIPPED, 12,
            "a series interval of 12 days is too short for the timeline: step book_next "
            "(interval - 5d) would be sent before step week1_collagen (7d); use at least 13 days",
            id="shipped_12_days_books_on_the_same_day",
        ),
        pytest.param(SHIPPED, 13, None, id="shipped_13_days_fits"),
        pytest.param(SHIPPED, 28, None, id="shipped_default_4_weeks_fits"),
        pytest.param(SHIPPED, 365, None, id="shipped_a_year_fits"),
        pytest.param(
            Timeline((step("book", "interval - 5d"),)), 3,
            "a series interval of 3 days is too short for the timeline: step book "
            "(interval - 5d) would be sent before the session; use at least 5 days",
            id="before_the_session",
        ),
        pytest.param(
            Timeline((step("book", "interval - 2d"), step("late_check", "60d"))), 90,
            "a series interval of 90 days is too long for the timeline: step late_check (60d) "
            "would be sent before step book (interval - 2d); use at most 61 days",
            id="a_fixed_step_after_the_booking_prompt",
        ),
    ],
)  # fmt: skip
def test_interval_problem(timeline, days, expected):
    assert interval_problem(timeline, days) == expected
