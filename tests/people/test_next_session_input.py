"""`/enroll #<number> [YYYY-MM-DD HH:MM] [k/n]`: parsing the next session of a known patient."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.people.enroll_input import (
    EnrollmentInputError,
    NextSessionRequest,
    is_next_session,
    parse_next_session_args,
)
from bot.store.clinics import EXAMPLE_CLINIC

NOW = datetime(2026, 3, 30, 13, 0, tzinfo=UTC)  # 14:00 in London (BST)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("#12", NextSessionRequest(12, NOW)),
        ("#12 2/3", NextSessionRequest(12, NOW, 2, 3)),
        (
            "#12 2026-03-30 10:30 2/3",
            NextSessionRequest(12, datetime(2026, 3, 30, 9, 30, tzinfo=UTC), 2, 3),
        ),
    ],
    ids=["number", "number_and_series", "number_time_and_series"],
)
def test_next_session_arguments(args, expected):
    # Written as staff type them after /enroll; the handler passes the words.
    assert is_next_session(args.split())
    assert parse_next_session_args(args.split(), EXAMPLE_CLINIC, NOW) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("#", "patient's number"),
        ("#twelve", "patient's number"),
        ("#12 tomorrow", "Write it as /enroll #<patient number>"),
        ("#12 2026-02-30 10:00", "no such date"),
        ("#12 5/3", "1 <= k <= n"),
    ],
)
def test_bad_next_session_arguments_are_explained(args, message):
    with pytest.raises(EnrollmentInputError, match=message):
        parse_next_session_args(args.split(), EXAMPLE_CLINIC, NOW)


def test_a_first_name_is_not_a_next_session():
    assert not is_next_session(["Amira"])
    assert not is_next_session([])
