"""Several instances on one PostgreSQL database: each outbox has its own owner id, leaves the
others' live claims alone (at start-up too) and takes back a claim whose lease lapsed while
it runs. SQLite keeps one bot per database (`tests/store/test_instance.py`).

Real time (the leases' clock) is a number the test moves; scheduled time a ManualClock.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.delivery.outbox import RESEND_DELAY, Outbox
from bot.store import Store
from bot.store.instance import InstanceLock
from bot.store.notices import OUTBOX, Listener
from bot.store.worker import StoreThread
from tests.delivery_fixtures import MONDAY_9AM, FakeRenderer, Step, add_clinic, enroll
from tests.fake_sender import FakeSender

pytestmark = pytest.mark.postgres_only

LEASE = 60.0
T0 = 1_000_000.0  # the leases' real time (Unix seconds) when the test starts


@pytest.fixture
def shared(database: str) -> Iterator[Store]:
    store = Store.open(database)
    yield store
    store.close()


@pytest.fixture
def thread_b(shared: Store, database: str) -> Iterator[StoreThread]:
    db = StoreThread.open(database)
    yield db
    db.close()


def instance_b(db, clock, sender, real: list[float], **options) -> Outbox:
    """Instance b's outbox on PostgreSQL: its claims leased for LEASE seconds of `real[0]`."""
    return Outbox(
        db,
        clock,
        sender,
        FakeRenderer(),
        owner="b",
        exclusive=False,
        lease_seconds=LEASE,
        real_time=lambda: real[0],
        per_chat_interval=0.0,
        **options,
    )


def test_instances_on_postgresql_share_the_database_each_with_its_own_owner(database):
    first = InstanceLock.take(database, datetime.now(UTC))
    second = InstanceLock.take(database, datetime.now(UTC))
    try:
        assert (first.exclusive, second.exclusive) == (False, False)
        assert first.owner != second.owner
    finally:
        first.release()
        second.release()


async def test_a_starting_instance_leaves_live_claims_alone_and_takes_back_lapsed_ones(
    shared, thread_b
):
    clinic = add_clinic(shared)
    chats = [201, 202, 203]
    for chat in chats:
        enroll(shared, clinic, chat, [Step(f"to {chat}", MONDAY_9AM)])
    # Instance a claims two rows and starts sending one of them, then dies.
    mine = shared.deliveries.claim_due(MONDAY_9AM, 2, owner="a", lease_until=T0 + LEASE)
    assert len(mine) == 2
    started, unstarted = mine
    assert shared.deliveries.start_send(started.id, "a", MONDAY_9AM)
    real = [T0]
    clock, sender = ManualClock(MONDAY_9AM), FakeSender()
    b = instance_b(thread_b, clock, sender, real)
    assert await b.start(None) == 0  # a's lease runs: its claims stay a's
    assert (await b.run_once()).sent == 1
    assert [m.chat_id for m in sender.messages()] == [c for c in chats if c not in claimed(mine)]

    real[0] = T0 + LEASE  # a's lease lapsed: b takes its rows back while it runs
    report = await b.run_once()
    assert (report.recovered, report.sent) == (2, 1)
    assert sender.messages()[-1].chat_id == unstarted.chat_id
    assert not shared.deliveries.start_send(unstarted.id, "a", MONDAY_9AM)  # a's claim is gone
    clock.advance(seconds=RESEND_DELAY.total_seconds())  # the interrupted send goes again
    assert (await b.run_once()).sent == 1
    assert sorted(m.chat_id for m in sender.messages()) == chats
    await b.stop()


async def test_a_starting_sqlite_bot_takes_back_every_claim_not_its_own(tmp_path):
    store = Store.open(tmp_path / "one.db")
    clinic = add_clinic(store)
    enroll(store, clinic, 301, [Step("one", MONDAY_9AM)])
    store.deliveries.claim_due(MONDAY_9AM, 1, owner="gone", lease_until=T0 + LEASE)
    db = StoreThread.open(tmp_path / "one.db")
    try:
        outbox = Outbox(
            db, ManualClock(MONDAY_9AM), FakeSender(), FakeRenderer(), real_time=lambda: T0
        )
        assert outbox.exclusive
        assert await outbox.start(None) == 1  # one bot per database: the claim is a dead one's
        await outbox.stop()
    finally:
        db.close()
        store.close()


def claimed(rows) -> set[int]:
    return {r.chat_id for r in rows}


async def test_a_long_pass_takes_back_a_lapsed_lease_without_waiting_for_its_end(shared, thread_b):
    clinic = add_clinic(shared)
    chats = [501, 502, 503, 504]
    for chat in chats:
        enroll(shared, clinic, chat, [Step(f"to {chat}", MONDAY_9AM)])
    [dead] = shared.deliveries.claim_due(MONDAY_9AM, 1, owner="a", lease_until=T0 + LEASE)
    real = [T0]
    # The first send lasts until a's lease has lapsed (real time moves while b sends).
    sender = FakeSender(latency=0.02, on_delivered=lambda _: real.__setitem__(0, T0 + LEASE))
    b = instance_b(thread_b, ManualClock(MONDAY_9AM), sender, real, concurrency=1)
    report = await b.run_once()  # one pass: a's row comes back and goes in it
    assert (report.recovered, report.sent) == (1, 4)
    assert sorted(m.chat_id for m in sender.messages()) == chats  # a's chat among them
    assert shared.deliveries.for_patient(dead.patient_id)[0].status == "sent"


class RunsAtOnce:
    """A Waker that runs the outbox's pass when asked for a wake-up now, as the bot's JobQueue
    would; later wake-ups are only recorded (the manual clock never reaches them here, and
    there is no safety tick at all)."""

    def __init__(self) -> None:
        self.outbox: Outbox | None = None
        self.asked: list[float | None] = []
        self._runs: set[asyncio.Task] = set()

    def wake_in(self, seconds: float | None) -> None:
        self.asked.append(seconds)
        if seconds is not None and seconds <= 0 and self.outbox is not None:
            run = asyncio.ensure_future(self.outbox.run_once())
            self._runs.add(run)
            run.add_done_callback(self._runs.discard)


async def test_a_row_written_by_one_instance_is_sent_by_another_at_once(shared, thread_b, database):
    clinic = add_clinic(shared)
    clock, sender, waker = ManualClock(MONDAY_9AM), FakeSender(), RunsAtOnce()
    b = Outbox(thread_b, clock, sender, FakeRenderer(), owner="b", exclusive=False)
    waker.outbox = b
    await b.start(waker)
    listener = Listener(database, {OUTBOX: b.changed})
    await listener.start()
    try:
        assert waker.asked[-1] is None  # nothing planned: b waits for nothing
        # Instance a (its own connection) plans a message due now, and commits.
        written = time.monotonic()
        enroll(shared, clinic, 401, [Step("due now", MONDAY_9AM)])
        await until(lambda: sender.messages(401), timeout=5.0)
        assert time.monotonic() - written < 5.0  # the safety tick is 30 s
        assert listener.heard >= 1
        assert [m.chat_id for m in sender.messages()] == [401]
    finally:
        await listener.stop()
        await b.stop()


async def until(condition, timeout: float) -> None:
    """Wait (real time: a notice crossing the server) until `condition()` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition never held"
        await asyncio.sleep(0.01)
