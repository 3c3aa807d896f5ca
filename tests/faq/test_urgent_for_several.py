"""The urgent reply to a patient of several clinics (bot.faq.answer.urgent_reply): every clinic
with the number to call now, by each clinic's own hours; one clinic gets `urgent`'s reply."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.faq import redflags
from bot.faq.answer import urgent, urgent_reply
from bot.store.clinics import EXAMPLE_CLINIC
from bot.wording.patients import answers

GLOW = replace(EXAMPLE_CLINIC, name="Glow Clinic", opening_hours="Mon-Fri 09:00-18:00")
OTHER = replace(EXAMPLE_CLINIC, name="Other Clinic", phone="+33 1 40 00 00 00")
OOH = "+44 7700 900123"
TUESDAY_NOON = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
SUNDAY_NOON = datetime(2026, 3, 8, 12, 0, tzinfo=UTC)  # Glow is closed


@pytest.mark.parametrize(
    "clinics, now, expected",
    [
        pytest.param([GLOW, OTHER], TUESDAY_NOON,
                     "Glow Clinic on +44 20 7946 0000 or Other Clinic on +33 1 40 00 00 00",
                     id="both_open"),
        pytest.param([replace(GLOW, out_of_hours_phone=OOH), OTHER], SUNDAY_NOON,
                     f"Glow Clinic's out-of-hours number, {OOH}, or Other Clinic on "
                     "+33 1 40 00 00 00", id="one_closed_with_its_out_of_hours_number"),
        pytest.param([GLOW, OTHER], SUNDAY_NOON, "Other Clinic on +33 1 40 00 00 00",
                     id="one_closed_without_a_number_is_left_out"),
    ],
)  # fmt: skip
def test_every_clinic_to_call_now(clinics, now, expected):
    reply = urgent_reply("infection", clinics, now)
    assert reply == answers.urgent(expected, emergency=False)


def test_one_clinic_gets_exactly_its_own_urgent_reply():
    flag = redflags.check("my face is oozing pus")
    assert urgent_reply("infection", [GLOW], SUNDAY_NOON) == urgent(flag, GLOW, closed=True).text
    assert urgent_reply("infection", [GLOW], TUESDAY_NOON) == urgent(flag, GLOW).text


def test_when_no_clinic_can_be_called_the_first_ones_closed_reply():
    flag = redflags.check("my face is oozing pus")
    closed_other = replace(OTHER, opening_hours="Mon-Fri 09:00-18:00")
    reply = urgent_reply("infection", [GLOW, closed_other], SUNDAY_NOON)
    assert reply == urgent(flag, GLOW, closed=True).text


def test_airway_signs_name_a_clinics_emergency_number():
    reply = urgent_reply("allergic", [GLOW, replace(OTHER, emergency_number="112")], TUESDAY_NOON)
    assert reply.startswith(answers.emergency_line("112"))
