"""The urgent reply by the clinic's hours (bot.faq.answer.urgent): open, it says to call the
clinic; closed, its out-of-hours number or the local urgent-care line; airway signs always get
the emergency line first, with the clinic's local emergency number when it gave one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.faq import redflags
from bot.faq.answer import urgent
from bot.store.clinics import EXAMPLE_CLINIC
from bot.wording.patients import answers

INFECTION = redflags.check("my face is oozing pus and I feel hot")
AIRWAY = redflags.check("my throat feels tight and i cant breathe properly")
CLINIC = replace(EXAMPLE_CLINIC, name="Glow Clinic")
OOH = "+44 7700 900123"


@pytest.mark.parametrize(
    "flag, settings, closed, first, then",
    [
        pytest.param(INFECTION, {}, False, "What you describe needs to be checked",
                     "Please call Glow Clinic on +44 20 7946 0000 straight away.", id="open"),
        pytest.param(INFECTION, {}, True, "Glow Clinic is closed right now",
                     "Please call your local urgent-care line now, or your local emergency "
                     "number if it is an emergency.", id="closed_no_numbers"),
        pytest.param(INFECTION, {"emergency_number": "112"}, True, "Glow Clinic is closed",
                     "Please call your local urgent-care line now, or 112 if it is an emergency.",
                     id="closed_emergency_number"),
        pytest.param(INFECTION, {"out_of_hours_phone": OOH}, True, "Glow Clinic is closed",
                     f"Please call Glow Clinic's out-of-hours number, {OOH}, now.",
                     id="closed_out_of_hours"),
        pytest.param(AIRWAY, {"emergency_number": "999"}, False, answers.emergency_line("999"),
                     "Then call Glow Clinic on +44 20 7946 0000 now", id="open_airway_999"),
        pytest.param(AIRWAY, {"out_of_hours_phone": OOH}, True, answers.EMERGENCY,
                     "Glow Clinic is closed right now", id="closed_airway"),
    ],
)  # fmt: skip
def test_the_urgent_reply_follows_the_clinic_hours(flag, settings, closed, first, then):
    reply = urgent(flag, replace(CLINIC, **settings), closed=closed)
    lines = reply.text.splitlines()
    assert lines[0].startswith(first)
    assert any(line.startswith(then) for line in lines[1:]), lines
    assert reply.kind == "urgent" and reply.red_flag == flag.category
