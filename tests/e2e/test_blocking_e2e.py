"""Blocking and unblocking the bot, end to end: Telegram's `my_chat_member` says when a
patient blocks the bot (stop sending at once) and unblocks it; unblocking or writing again
restores them, planning again what is still ahead but not what fell due meanwhile, and
/resume, /next and reopening the link all agree they are back."""

from __future__ import annotations

from datetime import timedelta

from bot.wording.patients import joining, schedule
from tests.e2e.conftest import AMIRA, World


def _statuses(world: World, patient_id: int) -> dict[str, str]:
    return {r.step_id: r.status for r in world.store.deliveries.for_patient(patient_id)}


async def test_a_block_stops_sending_at_once_and_unblocking_restores_what_is_ahead(world):
    amira = world.person(AMIRA, "Amira")
    token = await world.signed_up(amira)
    patient = world.store.patients.by_chat(AMIRA)
    world.bot.standin.user_blocks(AMIRA)
    await world.handled()
    assert world.store.patients.get(patient.id).status == "unreachable"
    assert world.store.deliveries.waiting_for_patient(patient.id) == []

    # Two days on, the outbox does not even try: day 1 and day 2 fall due while blocked.
    world.clock.set(world.clock.now() + timedelta(days=2, hours=1))
    await world.settle()
    assert [c for c in world.bot.standin.calls("sendMessage") if c.chat_id == AMIRA][-1].ok

    mark = world.bot.standin.next_index
    world.bot.standin.user_unblocks(AMIRA)
    [back] = await world.bot.standin.wait_for_messages(AMIRA, 1, after=mark)
    statuses = _statuses(world, patient.id)
    ahead = [step for step, status in statuses.items() if status == "pending"]
    assert back.text == schedule.resumed(len(ahead))
    assert "week1_collagen" in ahead
    assert statuses["day1_redness"] == statuses["day2_settling"] == "cancelled"
    assert world.store.patients.get(patient.id).status == "active"

    [resumed] = await amira.send("/resume")
    assert resumed.text == schedule.ALREADY_ON
    [upcoming] = await amira.send("/next")
    assert upcoming.text.startswith("Your next aftercare messages:")
    [reopened] = await amira.send(f"/start {token}")
    assert reopened.text == joining.already_signed_up("Glow Clinic", "active")


async def test_writing_again_after_a_refused_send_restores_the_patient(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    patient = world.store.patients.by_chat(AMIRA)
    # No my_chat_member this time: the outbox learns of the block from Telegram's 403.
    world.bot.standin.add_fault("blocked", chat_id=AMIRA)
    world.clock.set(world.clock.now() + timedelta(days=1, hours=1))
    await world.settle()
    assert world.store.patients.get(patient.id).status == "unreachable"

    back, upcoming = await amira.send("/next", expect=2)
    ahead = world.store.deliveries.waiting_for_patient(patient.id)
    assert back.text == schedule.resumed(len(ahead)) and ahead
    assert upcoming.text.startswith("Your next aftercare messages:")
    assert _statuses(world, patient.id)["day1_redness"] == "failed"


async def test_a_patient_who_stopped_stays_stopped_after_blocking_and_unblocking(world):
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    await amira.send("STOP")
    world.bot.standin.user_blocks(AMIRA)
    world.bot.standin.user_unblocks(AMIRA)
    await world.handled()
    assert world.store.patients.by_chat(AMIRA).status == "stopped"
    [paused] = await amira.send("/next")
    assert paused.text == schedule.PAUSED
