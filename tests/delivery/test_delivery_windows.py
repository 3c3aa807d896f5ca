"""The send window re-checked at send time, as a table of (claimed at, expected decision).

Planning already places each step inside the window (tests/test_window.py); these cases are
what the outbox does with a row that is due but is being sent at another time: a backlog
after an outage, across the Europe/London and America/New_York daylight-saving changes.
"""

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.delivery.rules import Decision, decide
from tests.delivery_fixtures import Step, add_clinic, enroll


def utc(*args):
    return datetime(*args, tzinfo=UTC)


DAY = timedelta(days=1)

SEND, EXPIRE = Decision("send"), Decision("expire")


def waits_until(*opening):
    """The decision to hold a row until the window opens at `opening` (UTC)."""
    return Decision("defer", utc(*opening), "window")


def case(name, due, at, expected, *, zone="Europe/London", expires=DAY, immediate=False):
    """A row due at `due`, claimed at `at`: (zone, due, expires, immediate, at, expected)."""
    return pytest.param(zone, due, expires, immediate, at, expected, id=name)


AUTUMN_EVE = utc(2026, 10, 24, 18)  # Saturday 19:00 BST, the evening before the October change
AUTUMN_OPENING = waits_until(2026, 10, 25, 9)  # Sunday 09:00 GMT
CASES = [
    # Winter London (GMT): inside the window it goes now, however late.
    case("london_winter_late_but_inside", utc(2026, 3, 2, 9), utc(2026, 3, 2, 19, 59), SEND),
    # Down overnight: the backlog waits for the morning opening, it is not sent at 23:00.
    case(
        "london_overnight_backlog",
        utc(2026, 3, 2, 19),
        utc(2026, 3, 2, 23),
        waits_until(2026, 3, 3, 9),
    ),
    # March change (29 March 2026): back at 23:00 GMT Saturday, opens 09:00 BST = 08:00 UTC.
    case(
        "london_spring_eve", utc(2026, 3, 28, 19), utc(2026, 3, 28, 23), waits_until(2026, 3, 29, 8)
    ),
    # ...and during the skipped hour itself.
    case(
        "london_spring_skipped_hour",
        utc(2026, 3, 28, 19),
        utc(2026, 3, 29, 1, 30),
        waits_until(2026, 3, 29, 8),
    ),
    # October change (25 October 2026): back at 22:00 BST Saturday, opens 09:00 GMT = 09:00 UTC.
    case("london_autumn_eve", AUTUMN_EVE, utc(2026, 10, 24, 21), AUTUMN_OPENING),
    # The repeated hour 01:00-02:00 happens twice; both times wait for 09:00 GMT.
    case("london_autumn_hour_once", AUTUMN_EVE, utc(2026, 10, 25, 0, 30), AUTUMN_OPENING),
    case("london_autumn_hour_twice", AUTUMN_EVE, utc(2026, 10, 25, 1, 30), AUTUMN_OPENING),
    # 08:30 UTC on the Sunday after the October change is 08:30 GMT: still closed.
    case("london_autumn_0830_gmt", AUTUMN_EVE, utc(2026, 10, 25, 8, 30), AUTUMN_OPENING),
    # Immediate steps ignore the window, day or night.
    case(
        "immediate_at_night",
        utc(2026, 3, 2, 23),
        utc(2026, 3, 2, 23, 5),
        SEND,
        immediate=True,
    ),
    # The next opening comes after the expiry: expire now rather than wake for nothing.
    case(
        "expires_before_opening",
        utc(2026, 3, 2, 19),
        utc(2026, 3, 2, 22),
        EXPIRE,
        expires=timedelta(hours=6),
    ),
    # New York changes on 8 March 2026: 23:00 EST Saturday waits for 09:00 EDT = 13:00 UTC.
    case(
        "new_york_spring_eve",
        utc(2026, 3, 7, 23),
        utc(2026, 3, 8, 4),
        waits_until(2026, 3, 8, 13),
        zone="America/New_York",
    ),
]


def claimed_row(store, clinic, step, at):
    """Plan `step` for a patient of `clinic` at its due time, then claim it at `at`."""
    enroll(store, clinic, 101, [step], now=step.due_at)
    [row] = store.deliveries.claim_due(at, 1)
    return row


@pytest.mark.parametrize(("zone", "due", "expires", "immediate", "at", "expected"), CASES)
def test_window_rechecked_at_send_time(store, zone, due, expires, immediate, at, expected):
    clinic = add_clinic(store, timezone=zone)
    row = claimed_row(store, clinic, Step("s", due, due + expires, immediate=immediate), at)
    assert decide(row, clinic, at) == expected


def test_the_clinic_hours_in_force_at_send_time_apply(store, clinic):
    # Planned for 09:00 under 09:00-20:00; staff then narrowed the hours to 10:00-18:00.
    due = utc(2026, 3, 2, 9)
    row = claimed_row(store, clinic, Step("s", due, due + DAY), due)
    store.db.execute("UPDATE clinics SET window_start = '10:00', window_end = '18:00'")
    narrowed = store.clinics.get(clinic.id)
    assert narrowed.window_start == time(10, 0)
    assert decide(row, narrowed, due) == Decision("defer", utc(2026, 3, 2, 10), "window")
