"""When an urgent escalation is raised again, by the clinic's opening hours and out-of-hours
contact (Glow, London; 2 March 2026 is a Monday on GMT)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.inbox import urgency
from tests.conftest import add_clinic

MONDAY_2PM = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
MONDAY_10PM = datetime(2026, 3, 2, 22, 0, tzinfo=UTC)
HOURS = "Mon-Fri 09:00-18:00"
OOH = "+44 7700 900123"


@pytest.mark.parametrize(
    ("kind", "hours", "out_of_hours", "at", "raised"),
    [
        pytest.param("urgent", "", "", MONDAY_10PM, True, id="no_hours_always_open"),
        pytest.param("urgent", HOURS, OOH, MONDAY_2PM, True, id="open"),
        pytest.param("urgent", HOURS, OOH, MONDAY_10PM, False, id="closed_with_contact"),
        pytest.param("urgent", HOURS, "", MONDAY_10PM, True, id="closed_without_contact"),
        pytest.param("unknown", HOURS, "", MONDAY_2PM, False, id="question_never"),
        pytest.param("photo", "", "", MONDAY_2PM, False, id="photo_never"),
    ],
)
def test_first_raise(store, kind, hours, out_of_hours, at, raised):
    clinic = replace(add_clinic(store), opening_hours=hours, out_of_hours_phone=out_of_hours)
    expected = at + urgency.RAISE_EVERY if raised else None
    assert urgency.first_raise_at(clinic, kind, at) == expected


def test_a_clinic_sets_its_own_time_to_raise_again(store):
    clinic = replace(add_clinic(store), raise_after_minutes=25)
    assert urgency.first_raise_at(clinic, "urgent", MONDAY_2PM) == MONDAY_2PM + timedelta(
        minutes=25
    )
