"""A chat that is a patient of two clinics is one person: STOP reaches everything, each
clinic's "I've booked" button finds its own session, /next lists both, /forget erases both,
and a red flag reaches every clinic, the urgent reply naming each with its phone."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.settings import DEFAULT_BACKLOG_SPACING_MINUTES
from bot.wording.patients import answers, leaving, schedule
from tests.e2e.conftest import AMIRA, World
from tests.e2e.people import Person

GLOW = "Glow Clinic on +44 20 7946 0000"
OTHER = "Other Clinic on +33 1 40 00 00 00"


@pytest.fixture(autouse=True)
def _both_databases(database: str) -> None:
    """This journey runs on SQLite and on PostgreSQL (`database` is parametrized)."""


async def _patient_of_both(world: World) -> tuple[Person, list]:
    """Amira agreed to Glow's messages, then to Other Clinic's; returns her and her two rows
    (Glow's first)."""
    amira = world.person(AMIRA, "Amira")
    await world.signed_up(amira)
    token = await world.enroll("Amira", by=world.olga)
    await amira.send(f"/start {token}")
    await amira.tap(f"consent:yes:{token}", expect=2)
    await world.settle()
    rows = sorted(world.store.patients.all_by_chat(AMIRA), key=lambda p: p.id)
    assert [p.clinic_id for p in rows] == [world.glow.id, world.glow.id + 1]
    return amira, rows


def _waiting(world: World, rows) -> list:
    return [r for p in rows for r in world.store.deliveries.waiting_for_patient(p.id)]


async def test_stop_reaches_every_clinic_and_undo_brings_both_back(world):
    amira, rows = await _patient_of_both(world)
    assert {r.clinic_id for r in _waiting(world, rows)} == {p.clinic_id for p in rows}
    [stopped] = await amira.send("Stop please")
    assert stopped.text == schedule.stopped(["Other Clinic", "Glow Clinic"])
    assert _waiting(world, rows) == []
    assert {world.store.patients.get(p.id).status for p in rows} == {"stopped"}
    [paused] = await amira.send("/next")
    assert paused.text == schedule.PAUSED
    [back] = await amira.tap("optout:undo")
    assert back.text == schedule.resumed(len(_waiting(world, rows)))
    assert {r.clinic_id for r in _waiting(world, rows)} == {p.clinic_id for p in rows}


async def test_next_lists_both_clinics_messages(world):
    amira, _rows = await _patient_of_both(world)
    [upcoming] = await amira.send("/next")
    assert "(Glow Clinic)" in upcoming.text and "(Other Clinic)" in upcoming.text


async def test_each_clinics_booked_button_finds_its_own_session(world):
    amira, rows = await _patient_of_both(world)
    # Five days before each next session is due, both clinics ask her to book.
    world.clock.set(world.clock.now() + timedelta(days=23, hours=1))
    mark = world.bot.standin.next_index
    await world.settle()
    await world.bot.standin.wait_for_messages(AMIRA, 1, after=mark)
    # One person's messages go at least the backlog spacing apart, whichever clinic sends.
    world.clock.set(world.clock.now() + timedelta(minutes=DEFAULT_BACKLOG_SPACING_MINUTES))
    await world.settle()
    reminders = await world.bot.standin.wait_for_messages(AMIRA, 2, after=mark)
    buttons = [data for r in reminders for data in r.button_data()]
    sessions = [world.store.sessions.latest(p.id) for p in rows]
    assert sorted(buttons) == sorted(f"booked:{s.id}" for s in sessions)
    for session in sessions:
        [thanks] = await amira.tap(f"booked:{session.id}")
        assert thanks.text == schedule.BOOKED
        assert world.store.sessions.get(session.id).booked_at is not None


async def test_a_red_flag_reaches_every_clinic_and_names_each(world):
    amira, rows = await _patient_of_both(world)
    mark = world.bot.standin.next_index
    urgent, told = await amira.send("there is pus coming out of my cheek", expect=2)
    assert urgent.text == answers.urgent(f"{OTHER} or {GLOW}", emergency=False)
    assert told.text == answers.STAFF_ALERTED
    for staff in (world.sam, world.sky, world.olga):
        [alert] = await world.bot.standin.wait_for_messages(staff.chat_id, 1, after=mark)
        assert alert.text.startswith("URGENT (infection) from Amira")
    escalated = [e for p in rows for e in world.store.escalations.for_patient(p.id)]
    assert sorted(e.clinic_id for e in escalated) == sorted(p.clinic_id for p in rows)


async def test_forget_erases_both_clinics_rows(world):
    amira, rows = await _patient_of_both(world)
    await amira.send("/forget")
    [done] = await amira.tap("forget:yes", method="editMessageText")
    assert done.text == leaving.FORGOTTEN
    assert {world.store.patients.get(p.id).status for p in rows} == {"forgotten"}
    assert _waiting(world, rows) == []
