"""The send window re-checked at send time, as a table of (claimed at, expected decision).

Planning already places each step inside the window (tests/test_window.py); these cases are
what the outbox does with a row that is due but is being sent at another time: a backlog
after an outage, across the Europe/London and America/New_York daylight-saving changes.
"""

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.delivery.rules import Decision, decide
from bot.store import Store
from tests.delivery_fixtures import Step, add_clinic, enroll


def utc(*args):
    return datetime(*args, tzinfo=UTC)


DAY = timedelta(days=1)

# (zone, due, expires, immediate, claimed at, expected decision)
CASES = [
    # Winter London (GMT): inside the window it goes now, however late.
    ("Europe/London", utc(2026, 3, 2, 9), DAY, False, utc(2026, 3, 2, 19, 59), Decision("send")),
    # Down overnight: the backlog waits for the morning opening, it is not sent at 23:00.
    (
        "Europe/London",
        utc(2026, 3, 2, 19),
        DAY,
        False,
        utc(2026, 3, 2, 23),
        Decision("defer", utc(2026, 3, 3, 9), "window"),
    ),
    # March change (29 March 2026): back at 23:00 GMT Saturday, opens 09:00 BST = 08:00 UTC.
    (
        "Europe/London",
        utc(2026, 3, 28, 19),
        DAY,
        False,
        utc(2026, 3, 28, 23),
        Decision("defer", utc(2026, 3, 29, 8), "window"),
    ),
    # ...and during the skipped hour itself.
    (
        "Europe/London",
        utc(2026, 3, 28, 19),
        DAY,
        False,
        utc(2026, 3, 29, 1, 30),
        Decision("defer", utc(2026, 3, 29, 8), "window"),
    ),
    # October change (25 October 2026): back at 22:00 BST Saturday, opens 09:00 GMT = 09:00 UTC.
    (
        "Europe/London",
        utc(2026, 10, 24, 18),
        DAY,
        False,
        utc(2026, 10, 24, 21),
        Decision("defer", utc(2026, 10, 25, 9), "window"),
    ),
    # The repeated hour 01:00-02:00 happens twice; both times wait for 09:00 GMT.
    (
        "Europe/London",
        utc(2026, 10, 24, 18),
        DAY,
        False,
        utc(2026, 10, 25, 0, 30),
        Decision("defer", utc(2026, 10, 25, 9), "window"),
    ),
    (
        "Europe/London",
        utc(2026, 10, 24, 18),
        DAY,
        False,
        utc(2026, 10, 25, 1, 30),
        Decision("defer", utc(2026, 10, 25, 9), "window"),
    ),
    # 08:30 UTC on the Sunday after the October change is 08:30 GMT: still closed.
    (
        "Europe/London",
        utc(2026, 10, 24, 18),
        DAY,
        False,
        utc(2026, 10, 25, 8, 30),
        Decision("defer", utc(2026, 10, 25, 9), "window"),
    ),
    # Immediate steps ignore the window, day or night.
    ("Europe/London", utc(2026, 3, 2, 23), DAY, True, utc(2026, 3, 2, 23, 5), Decision("send")),
    # The next opening comes after the expiry: expire now rather than wake for nothing.
    (
        "Europe/London",
        utc(2026, 3, 2, 19),
        timedelta(hours=6),
        False,
        utc(2026, 3, 2, 22),
        Decision("expire"),
    ),
    # New York changes on 8 March 2026: 23:00 EST Saturday waits for 09:00 EDT = 13:00 UTC.
    (
        "America/New_York",
        utc(2026, 3, 7, 23),
        DAY,
        False,
        utc(2026, 3, 8, 4),
        Decision("defer", utc(2026, 3, 8, 13), "window"),
    ),
]


@pytest.mark.parametrize(("zone", "due", "expires", "immediate", "at", "expected"), CASES)
def test_window_rechecked_at_send_time(zone, due, expires, immediate, at, expected):
    store = Store.open(":memory:")
    clinic = add_clinic(store, timezone=zone)
    enroll(store, clinic, 101, [Step("s", due, due + expires, immediate=immediate)], now=due)
    [row] = store.deliveries.claim_due(at, 1)
    assert decide(row, clinic, at) == expected


def test_the_clinic_hours_in_force_at_send_time_apply():
    # Planned for 09:00 under 09:00-20:00; staff then narrowed the hours to 10:00-18:00.
    store = Store.open(":memory:")
    clinic = add_clinic(store)
    due = utc(2026, 3, 2, 9)
    enroll(store, clinic, 101, [Step("s", due, due + DAY)], now=due)
    store.db.execute("UPDATE clinics SET window_start = '10:00', window_end = '18:00'")
    narrowed = store.clinics.get(clinic.id)
    assert narrowed.window_start == time(10, 0)
    [row] = store.deliveries.claim_due(due, 1)
    assert decide(row, narrowed, due) == Decision("defer", utc(2026, 3, 2, 10), "window")
