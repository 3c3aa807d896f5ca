"""Opening hours: written for people, stored in one canonical form, and whether a moment is
out of them on the clinic's wall clock (DST included)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from content.opening_hours import HoursError, is_closed, parse, written

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    "typed, canonical",
    [
        pytest.param("Mon-Fri 09:00-18:00, Sat 10:00-13:00",
                     "Mon-Fri 09:00-18:00, Sat 10:00-13:00", id="weekdays_and_saturday"),
        pytest.param("daily 9:00-17:00", "daily 09:00-17:00", id="daily_short_hour"),
        pytest.param("every day 08:00-20:00", "daily 08:00-20:00", id="every_day"),
        pytest.param("Mon 09:00-12:00 14:00-18:00; Tue-Sun 10:00-16:00",
                     "Mon 09:00-12:00 14:00-18:00, Tue-Sun 10:00-16:00", id="lunch_break"),
        pytest.param("Sun closed, Mon-Sat 08:00-24:00", "Mon-Sat 08:00-24:00", id="closed_day"),
        pytest.param("monday 09:00-17:00, tuesday 09:00-17:00", "Mon-Tue 09:00-17:00",
                     id="full_day_names_joined"),
        pytest.param("Sat 10:00–13:00", "Sat 10:00-13:00", id="en_dash"),
    ],
)  # fmt: skip
def test_hours_are_read_and_written_back_canonically(typed, canonical):
    assert written(parse(typed)) == canonical
    assert written(parse(canonical)) == canonical


@pytest.mark.parametrize(
    "typed, says",
    [
        pytest.param("", "no opening hours given", id="empty"),
        pytest.param("weekdays 9-5", "no day in 'weekdays 9-5'", id="no_day"),
        pytest.param("Fri-Mon 09:00-10:00", "Fri-Mon runs backwards", id="days_backwards"),
        pytest.param("Mon 18:00-09:00", "18:00-09:00 ends before it starts", id="overnight"),
        pytest.param("Mon 24:00-25:00", "24:00-25:00 is not a time range", id="hour_25"),
        pytest.param("Mon 09:60-10:00", "09:60-10:00 is not a time range", id="minute_60"),
        pytest.param("Mon 09:00-18:00, mon 10:00-11:00", "Mon is given twice", id="twice"),
        pytest.param("Mon 09:00-12:00 11:00-13:00", "overlap", id="overlap"),
        pytest.param("Mon 09:00-18:00 and more", "can't read the hours", id="trailing_words"),
        pytest.param("Mon ٠٩:٠٠-١٨:٠٠", "can't read the hours", id="foreign_digits"),
    ],
)
def test_hours_that_cannot_be_read_say_why(typed, says):
    with pytest.raises(HoursError, match=says):
        parse(typed)


HOURS = "Mon-Fri 09:00-18:00, Sat 10:00-13:00"


@pytest.mark.parametrize(
    "at_utc, closed",
    [
        pytest.param(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), False, id="monday_opening_minute"),
        pytest.param(datetime(2026, 3, 2, 18, 0, tzinfo=UTC), True, id="monday_closing_minute"),
        pytest.param(datetime(2026, 3, 2, 8, 59, tzinfo=UTC), True, id="monday_before_opening"),
        pytest.param(datetime(2026, 3, 7, 12, 30, tzinfo=UTC), False, id="saturday_morning"),
        pytest.param(datetime(2026, 3, 7, 13, 0, tzinfo=UTC), True, id="saturday_afternoon"),
        pytest.param(datetime(2026, 3, 8, 12, 0, tzinfo=UTC), True, id="sunday"),
        # After the clocks go forward (29 March): 08:30 UTC is 09:30 BST, open.
        pytest.param(datetime(2026, 3, 30, 8, 30, tzinfo=UTC), False, id="bst_morning"),
        pytest.param(datetime(2026, 3, 30, 17, 30, tzinfo=UTC), True, id="bst_evening"),
    ],
)
def test_closed_is_judged_on_the_clinic_wall_clock(at_utc, closed):
    assert is_closed(HOURS, LONDON, at_utc) is closed


def test_no_hours_or_unreadable_hours_never_say_closed():
    night = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    assert is_closed("", LONDON, night) is False
    assert is_closed("whenever", LONDON, night) is False
