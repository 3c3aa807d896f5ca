"""Commands sent without what they need, end to end: staff get the command's usage line and
someone who is not a patient is told so; nothing changes in either case."""

from __future__ import annotations

import pytest

from bot.wording.patients import schedule
from bot.wording.staff import enrolling, roster, step_wording
from tests.e2e.conftest import MALLORY
from tests.e2e.staffed import table_rows

USAGE = [
    pytest.param("/revert", step_wording.REVERT_USAGE, id="revert_no_step"),
    pytest.param("/revert day1_redness 2 3", step_wording.REVERT_USAGE, id="revert_three"),
    pytest.param("/edit day1_redness serum_now", step_wording.EDIT_USAGE, id="edit_two"),
    pytest.param("/enroll", enrolling.USAGE, id="enroll_no_name"),
    pytest.param("/cancel", roster.CANCEL_USAGE, id="cancel_no_patient"),
]


@pytest.mark.parametrize(("command", "usage"), USAGE)
async def test_staff_get_the_usage_line(world, command: str, usage: str) -> None:
    [reply] = await world.sam.send(command)
    assert reply.text == usage
    assert world.store.content.active_for_clinic(world.glow.id) == {}
    assert table_rows(world.store, "patients", "id") == []


@pytest.mark.parametrize("command", ["/next", "/stop", "/resume"])
async def test_someone_who_is_not_a_patient_is_told_so(world, command: str) -> None:
    stranger = world.person(MALLORY, "Mallory")
    [reply] = await stranger.send(command)
    assert reply.text == schedule.NOT_A_PATIENT
    assert reply.reply_markup is None  # no "stop all messages?" buttons for a stranger
