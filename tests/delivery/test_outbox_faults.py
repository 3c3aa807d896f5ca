"""The outbox under the faults of issue 11, against a fake Sender, a manual clock and real
SQLite reached through the store's thread (as in the bot).

Real waits here are a send's latency or hang, or a lock's duration: never scheduled time,
which the manual clock moves.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
import time
from datetime import timedelta

import pytest

from bot.clock import ManualClock, ScaledClock
from bot.delivery import rules
from bot.delivery.outbox import RESEND_DELAY, Outbox
from bot.delivery.sender import FloodWait
from bot.people.privacy import forget
from bot.store.worker import StoreThread
from tests.conftest import DB_FILE
from tests.delivery_fixtures import MONDAY_9AM, FakeRenderer, Step, enroll, plain
from tests.fake_sender import FakeSender, Hangs

SECOND = timedelta(seconds=1)


@pytest.fixture
def clock():
    return ManualClock(MONDAY_9AM)


@pytest.fixture
def sender():
    return FakeSender()


@pytest.fixture
def outbox(db, clock, sender):
    return Outbox(db, clock, sender, FakeRenderer(), per_chat_interval=0.0)


def statuses(store, patient_id):
    return [r.status for r in store.deliveries.for_patient(patient_id)]


async def until(condition, timeout: float = 2.0) -> None:
    """Wait (real time, for I/O in flight) until `condition()` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition never held"
        await asyncio.sleep(0.005)


# -- a flood wait touches one chat ------------------------------------------------------------


async def test_a_flood_wait_defers_that_chats_rows_and_holds_up_nothing(
    store, clinic, clock, sender, outbox
):
    held, _ = enroll(store, clinic, 101, [Step("a1", MONDAY_9AM), Step("a2", MONDAY_9AM)])
    enroll(store, clinic, 102, [Step("b", MONDAY_9AM)])
    sender.script(101, FloodWait(60))  # real waits are minutes: the pass must not sit them out
    report = await asyncio.wait_for(outbox.run_once(), 2)
    assert (report.sent, report.retry_after, report.deferred) == (1, 1, 1)
    assert [m.chat_id for m in sender.messages()] == [102]
    rows = store.deliveries.for_patient(held)
    assert [(r.status, r.error, r.attempts) for r in rows] == [("pending", "retry_after", 0)] * 2
    assert {r.next_attempt_at for r in rows} == {MONDAY_9AM + 60 * SECOND}
    clock.advance(seconds=60)
    assert (await outbox.run_once()).sent == 2
    assert [plain(m.text)[:2] for m in sender.messages(101)] == ["a1", "a2"]


async def test_a_row_falling_due_during_a_pass_is_claimed_without_waiting_for_it(
    store, clinic, clock, sender, outbox
):
    enroll(store, clinic, 100, [Step("slow", MONDAY_9AM)])
    enroll(store, clinic, 101, [Step("next", MONDAY_9AM + 60 * SECOND)])
    sender.script(100, Hangs(1.0))
    run = asyncio.ensure_future(outbox.run_once())
    await until(lambda: sender.attempts.get(100) == 1)
    clock.advance(seconds=60)
    outbox.poke()  # what the JobQueue's wake-up does when a pass is running
    await until(lambda: sender.messages(101), timeout=0.5)
    assert not run.done()
    assert (await run).sent == 1


class Alarm:
    """A Waker that records what it was asked (the bot's is PTB's JobQueue)."""

    def __init__(self):
        self.asked: list[float | None] = []

    def wake_in(self, seconds):
        self.asked.append(seconds)


async def test_a_pass_waiting_on_a_slow_send_still_arms_the_next_wake_up(store, clinic, db, sender):
    start = time.time()
    clock = ScaledClock(60, start, MONDAY_9AM, real_time=lambda: start)  # a minute a second
    enroll(store, clinic, 100, [Step("slow", MONDAY_9AM)])
    enroll(store, clinic, 101, [Step("next", MONDAY_9AM + 60 * SECOND)])
    sender.script(100, Hangs(1.0))
    outbox = Outbox(db, clock, sender, FakeRenderer(), per_chat_interval=0.0)
    alarm = Alarm()
    await outbox.start(alarm)
    run = asyncio.ensure_future(outbox.run_once())
    await until(lambda: sender.attempts.get(100) == 1)
    await until(lambda: alarm.asked[-1:] == [1.0])  # the next row, one real second away
    assert not run.done()  # ...asked for while the pass still waits on the slow send
    await run


# -- decide at the moment of sending ----------------------------------------------------------


@pytest.mark.parametrize(
    ("act", "left"),
    [
        pytest.param(lambda store, p: rules.stop(store, p, MONDAY_9AM), "muted", id="stop"),
        pytest.param(lambda store, p: forget(store, 101, MONDAY_9AM), None, id="forget"),
    ],
)
async def test_stop_or_forget_while_a_backlog_waits_sends_nothing_more(
    store, clinic, sender, outbox, act, left
):
    patient_id, _ = enroll(store, clinic, 101, [Step(f"s{i}", MONDAY_9AM) for i in range(3)])
    # The patient reads the first message and says stop (or /forget) at once.
    sender.on_delivered = lambda message: act(store, patient_id)
    await outbox.run_once()
    assert len(sender.messages(101)) == 1
    rest = statuses(store, patient_id)[1:]
    assert rest == ([left, left] if left else [])  # forget erases what was not sent


# -- a graceful stop --------------------------------------------------------------------------


async def test_halt_stops_claiming_at_once_and_hands_back_what_was_not_sent(
    store, clinic, db, clock
):
    patients = [enroll(store, clinic, 200 + n, [Step("a", MONDAY_9AM)])[0] for n in range(12)]
    sender = FakeSender(latency=0.1)
    outbox = Outbox(db, clock, sender, FakeRenderer(), per_chat_interval=0.0)
    sender.on_delivered = lambda message: outbox.halt()  # SIGTERM with the first answer
    report = await asyncio.wait_for(outbox.run_once(), 2)
    rows = [store.deliveries.for_patient(p)[0] for p in patients]
    sent = [r for r in rows if r.status == "sent"]
    assert len(sent) == report.sent == len(sender.messages()) <= outbox.window.limit
    assert report.released == len(rows) - len(sent)
    # Handed back untouched: no attempt counted, not left `sending`.
    assert {(r.status, r.attempts) for r in rows if r.status != "sent"} == {("pending", 0)}
    assert (await outbox.run_once()).sent == 0  # a halted outbox claims nothing


async def test_a_send_unanswered_at_the_deadline_stays_sending_and_goes_once_after_restart(
    store, clinic, db, clock, sender
):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM)])
    sender.script(101, Hangs(30))
    outbox = Outbox(db, clock, sender, FakeRenderer(), per_chat_interval=0.0, stop_grace=0.2)
    run = asyncio.ensure_future(outbox.run_once())
    await until(lambda: sender.attempts.get(101) == 1)
    started = time.monotonic()
    await outbox.stop()
    await run
    assert time.monotonic() - started < 1.0
    assert statuses(store, patient_id) == ["sending"]
    restarted = Outbox(db, clock, sender, FakeRenderer(), per_chat_interval=0.0)
    assert await restarted.start(None) == 1
    clock.advance(RESEND_DELAY)  # a send cut short goes again soon after the restart
    assert (await restarted.run_once()).sent == 1
    assert len(sender.messages(101)) == 1 and statuses(store, patient_id) == ["sent"]


# -- claims of a process that is gone --------------------------------------------------------


async def test_a_claim_is_taken_back_while_running_once_its_lease_lapses(
    store, clinic, db, clock, sender
):
    patient_id, _ = enroll(store, clinic, 101, [Step("a", MONDAY_9AM)])
    lease_end = time.time() + 60
    [row] = store.deliveries.claim_due(MONDAY_9AM, 1, owner="gone", lease_until=lease_end)
    store.deliveries.start_send(row.id, "gone", MONDAY_9AM)
    now = [lease_end - 1]
    outbox = Outbox(db, clock, sender, FakeRenderer(), real_time=lambda: now[0])
    assert (await outbox.run_once()).sent == 0  # still leased: maybe still sending
    now[0] = lease_end + 1
    assert (await outbox.run_once()).recovered == 1
    clock.advance(RESEND_DELAY)
    assert (await outbox.run_once()).sent == 1
    [row] = store.deliveries.for_patient(patient_id)
    assert (row.status, row.attempts) == ("sent", 1)


# -- repeats only where unavoidable -----------------------------------------------------------


async def test_sends_in_flight_are_what_the_rate_needs(store, clinic, db, clock):
    for n in range(24):
        enroll(store, clinic, 300 + n, [Step("a", MONDAY_9AM)])
    sender = FakeSender(latency=0.1)  # Telegram answering in 0.1 s
    outbox = Outbox(db, clock, sender, FakeRenderer(), per_chat_interval=0.0, rate=30)
    assert (await outbox.run_once()).sent == 24
    # 30 messages a second × 0.1 s = 3 in flight keep the pace; one more for slack, and one
    # for the measured latency's overhead (the store's thread, the event loop).
    assert sender.peak <= 5 < outbox.concurrency


class LongRenderer(FakeRenderer):
    """A message long enough that recording it needs new pages in the database."""

    def __call__(self, row):
        message = super().__call__(row)
        return dataclasses.replace(message, text=message.text + "." * 6000)


async def test_a_full_disk_delays_the_record_and_loses_or_repeats_nothing(store, clinic, db, clock):
    patients = {
        300 + n: enroll(store, clinic, 300 + n, [Step("a", MONDAY_9AM)])[0] for n in range(8)
    }
    pages = await db.read(lambda: db.store.db.execute("PRAGMA page_count").fetchone()[0])
    await db.read(db.store.db.execute, f"PRAGMA max_page_count = {pages}")  # the disk is full
    sender = FakeSender()
    outbox = Outbox(db, clock, sender, LongRenderer(), per_chat_interval=0.0)
    run = asyncio.ensure_future(outbox.run_once())
    await until(lambda: db.retries >= 3)
    during = len(sender.messages())
    # No more sends start than the window holds: each keeps its place until it is recorded.
    assert 1 <= during <= outbox.window.peak <= 4
    await db.read(db.store.db.execute, "PRAGMA max_page_count = 1000000")  # space is back
    report = await asyncio.wait_for(run, 10)
    assert report.sent == len(sender.messages()) == len(patients)
    for chat, patient_id in patients.items():
        assert len(sender.messages(chat)) == 1
        assert statuses(store, patient_id) == ["sent"]


async def test_a_lock_held_elsewhere_delays_the_outbox_but_never_the_event_loop(
    store, clinic, tmp_path, clock
):
    db = StoreThread.open(tmp_path / DB_FILE, busy_timeout=0.05)
    for n in range(5):
        enroll(store, clinic, 400 + n, [Step("a", MONDAY_9AM)])
    other = sqlite3.connect(tmp_path / DB_FILE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a CSV import, a backup...
    asyncio.get_running_loop().call_later(0.8, other.rollback)
    sender = FakeSender()
    run = asyncio.ensure_future(Outbox(db, clock, sender, FakeRenderer()).run_once())
    longest, last = 0.0, time.monotonic()
    while not run.done():
        await asyncio.sleep(0.01)
        longest, last = max(longest, time.monotonic() - last - 0.01), time.monotonic()
    try:
        assert (await run).sent == 5 == len(sender.messages())
        assert longest < 0.3  # the loop ran on all along (it froze 0.8 s when SQLite ran on it)
        assert db.retries > 0
    finally:
        db.close()
