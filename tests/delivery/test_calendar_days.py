"""Days are calendar days in the clinic's zone, hours are elapsed time: a table of London and
New York daylight-saving changes, planned with the real planner (``bot.delivery.plan``).

2026: London goes forward on Sunday 29 March (01:00 GMT -> 02:00 BST) and back on Sunday
25 October (02:00 BST -> 01:00 GMT); New York goes forward on Sunday 8 March (02:00 EST ->
03:00 EDT) and back on Sunday 1 November (02:00 EDT -> 01:00 EST). The window is 09:00-20:00.
"""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.delivery.plan import next_session_date, plan
from bot.store.clinics import EXAMPLE_CLINIC
from content.offset import local_to_utc, parse_offset
from content.step import Step
from content.timeline import Timeline

LONDON = EXAMPLE_CLINIC
NEW_YORK = replace(EXAMPLE_CLINIC, timezone="America/New_York")
CLINICS = {"london": LONDON, "newyork": NEW_YORK}


def local(clinic, *when, fold=0):
    """A wall-clock time in the clinic's zone (``fold=1``: the second of a repeated hour), as
    UTC: Python never finds a time in a repeated hour equal to one in another zone."""
    return datetime(*when, tzinfo=clinic.zone, fold=fold).astimezone(UTC)


def step(offset: str, immediate: bool) -> Step:
    return Step(
        id="s",
        offset=parse_offset(offset),
        immediate=immediate,
        expires=timedelta(days=3),
        group="care",
        text="",
        sources=(),
    )


def due(clinic, session, offset, immediate=False):
    [planned] = plan(Timeline((step(offset, immediate),)), session_at=session, clinic=clinic)
    return planned.due_at


L, NY = LONDON, NEW_YORK
CASES = [
    # -- London, spring forward (Sunday 29 March) ---------------------------------------------
    pytest.param(
        L, local(L, 2026, 3, 28, 19, 30), "1d", False, local(L, 2026, 3, 29, 19, 30),
        id="london_spring_saturday_evening_1d",
    ),
    pytest.param(
        L, local(L, 2026, 3, 27, 18, 0), "2d", False, local(L, 2026, 3, 29, 18, 0),
        id="london_spring_friday_2d",
    ),
    pytest.param(
        L, local(L, 2026, 3, 23, 14, 0), "1w", False, local(L, 2026, 3, 30, 14, 0),
        id="london_spring_monday_1w",
    ),
    pytest.param(
        L, local(L, 2026, 3, 10, 14, 0), "interval - 5d", False, local(L, 2026, 4, 2, 14, 0),
        id="london_spring_interval_minus_5d",
    ),
    pytest.param(
        L, local(L, 2026, 3, 28, 23, 30), "4h", True, local(L, 2026, 3, 29, 4, 30),
        id="london_spring_4h_is_elapsed_time",
    ),
    pytest.param(
        L, local(L, 2026, 3, 29, 0, 30), "0", True, local(L, 2026, 3, 29, 0, 30),
        id="london_spring_immediate",
    ),
    pytest.param(
        L, local(L, 2026, 3, 28, 1, 30), "1d", True, local(L, 2026, 3, 29, 2, 0),
        id="london_spring_1d_into_the_gap_moves_to_first_valid_time",
    ),
    pytest.param(
        L, local(L, 2026, 3, 28, 20, 30), "1d", False, local(L, 2026, 3, 30, 9, 0),
        id="london_spring_after_closing_1d_waits_for_monday",
    ),
    # -- London, fall back (Sunday 25 October) ------------------------------------------------
    pytest.param(
        L, local(L, 2026, 10, 24, 19, 30), "1d", False, local(L, 2026, 10, 25, 19, 30),
        id="london_autumn_saturday_evening_1d",
    ),
    pytest.param(
        L, local(L, 2026, 10, 23, 9, 30), "2d", False, local(L, 2026, 10, 25, 9, 30),
        id="london_autumn_friday_2d",
    ),
    pytest.param(
        L, local(L, 2026, 10, 20, 14, 0), "1w", False, local(L, 2026, 10, 27, 14, 0),
        id="london_autumn_tuesday_1w",
    ),
    pytest.param(
        L, local(L, 2026, 10, 25, 0, 30), "4h", True, local(L, 2026, 10, 25, 3, 30),
        id="london_autumn_4h_is_elapsed_time",
    ),
    pytest.param(
        L, local(L, 2026, 10, 24, 1, 30), "1d", True, local(L, 2026, 10, 25, 1, 30, fold=0),
        id="london_autumn_1d_into_the_repeated_hour_takes_the_first",
    ),
    pytest.param(
        L, local(L, 2026, 10, 24, 20, 15), "1d", False, local(L, 2026, 10, 26, 9, 0),
        id="london_autumn_after_closing_1d_waits_for_monday",
    ),
    # -- New York, spring forward (Sunday 8 March) --------------------------------------------
    pytest.param(
        NY, local(NY, 2026, 3, 7, 19, 30), "1d", False, local(NY, 2026, 3, 8, 19, 30),
        id="newyork_spring_saturday_evening_1d",
    ),
    pytest.param(
        NY, local(NY, 2026, 3, 6, 10, 0), "2d", False, local(NY, 2026, 3, 8, 10, 0),
        id="newyork_spring_friday_2d",
    ),
    pytest.param(
        NY, local(NY, 2026, 3, 4, 12, 0), "1w", False, local(NY, 2026, 3, 11, 12, 0),
        id="newyork_spring_wednesday_1w",
    ),
    pytest.param(
        NY, local(NY, 2026, 3, 8, 0, 30), "4h", True, local(NY, 2026, 3, 8, 5, 30),
        id="newyork_spring_4h_is_elapsed_time",
    ),
    pytest.param(
        NY, local(NY, 2026, 3, 7, 2, 30), "1d", True, local(NY, 2026, 3, 8, 3, 0),
        id="newyork_spring_1d_into_the_gap_moves_to_first_valid_time",
    ),
    pytest.param(
        NY, local(NY, 2026, 3, 7, 20, 15), "1d", False, local(NY, 2026, 3, 9, 9, 0),
        id="newyork_spring_after_closing_1d_waits_for_monday",
    ),
    # -- New York, fall back (Sunday 1 November) ----------------------------------------------
    pytest.param(
        NY, local(NY, 2026, 10, 31, 19, 30), "1d", False, local(NY, 2026, 11, 1, 19, 30),
        id="newyork_autumn_saturday_evening_1d",
    ),
    pytest.param(
        NY, local(NY, 2026, 10, 30, 9, 15), "2d", False, local(NY, 2026, 11, 1, 9, 15),
        id="newyork_autumn_2d_fall_back",
    ),
    pytest.param(
        NY, local(NY, 2026, 10, 26, 14, 0), "1w", False, local(NY, 2026, 11, 2, 14, 0),
        id="newyork_autumn_monday_1w",
    ),
    pytest.param(
        NY, local(NY, 2026, 11, 1, 0, 30), "4h", True, local(NY, 2026, 11, 1, 3, 30),
        id="newyork_autumn_4h_is_elapsed_time",
    ),
    pytest.param(
        NY, local(NY, 2026, 11, 1, 1, 30, fold=1), "0", True,
        local(NY, 2026, 11, 1, 1, 30, fold=1),
        id="newyork_autumn_immediate_in_the_second_repeated_hour",
    ),
    pytest.param(
        NY, local(NY, 2026, 10, 31, 1, 30), "1d", True, local(NY, 2026, 11, 1, 1, 30, fold=0),
        id="newyork_autumn_1d_into_the_repeated_hour_takes_the_first",
    ),
    pytest.param(
        NY, local(NY, 2026, 10, 31, 20, 15), "1d", False, local(NY, 2026, 11, 2, 9, 0),
        id="newyork_autumn_after_closing_1d_waits_for_monday",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("clinic", "session", "offset", "immediate", "expected"), CASES)
def test_offsets_in_the_clinic_calendar(clinic, session, offset, immediate, expected):
    planned = due(clinic, session, offset, immediate)
    assert planned == expected
    assert planned.tzinfo is UTC


def test_day_one_after_a_saturday_evening_session_comes_on_sunday_23_hours_later():
    # The fault in issue 11: 24 hours later is 20:30 BST, past closing, so day 1 used to wait
    # for Monday morning, 37.5 hours after the session.
    session = local(LONDON, 2026, 3, 28, 19, 30)
    arrives = due(LONDON, session, "1d")
    assert arrives - session == timedelta(hours=23)
    assert arrives.astimezone(LONDON.zone).strftime("%a %H:%M %Z") == "Sun 19:30 BST"


def test_days_and_hours_together_count_days_on_the_calendar_then_hours_elapsed():
    # 2d after Friday 23:00 GMT is Sunday 23:00 BST (47 hours), then 12 elapsed hours.
    session = local(LONDON, 2026, 3, 27, 23, 0)
    assert due(LONDON, session, "2d 12h", True) == local(LONDON, 2026, 3, 30, 11, 0)


def test_a_half_hour_gap_moves_to_the_first_valid_time():
    # Lord Howe Island goes forward 30 minutes at 02:00 on Sunday 4 October 2026.
    zone = ZoneInfo("Australia/Lord_Howe")
    moment = local_to_utc(datetime(2026, 10, 4, 2, 15), zone)
    assert moment.astimezone(zone).replace(tzinfo=None) == datetime(2026, 10, 4, 2, 30)


@pytest.mark.parametrize(
    ("clinic", "session", "expected"),
    [
        pytest.param(L, local(L, 2026, 3, 2, 23, 30), (2026, 3, 30), id="london_spring_late"),
        pytest.param(L, local(L, 2026, 10, 1, 0, 30), (2026, 10, 29), id="london_autumn_early"),
        pytest.param(NY, local(NY, 2026, 2, 20, 23, 30), (2026, 3, 20), id="newyork_spring"),
    ],
)
def test_next_session_date_counts_calendar_days(clinic, session, expected):
    assert next_session_date(session, clinic) == datetime(*expected).date()


def test_36_hours_are_elapsed_but_1d_12h_counts_a_calendar_day():
    assert parse_offset("36h") != parse_offset("1d 12h")
    session = local(LONDON, 2026, 3, 28, 12, 0)  # Saturday noon GMT
    assert due(LONDON, session, "36h", True) == local(LONDON, 2026, 3, 30, 1, 0)
    assert due(LONDON, session, "1d 12h", True) == local(LONDON, 2026, 3, 30, 0, 0)
