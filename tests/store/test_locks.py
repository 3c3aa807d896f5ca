"""Transactions against another process's writes, and a full disk.

A transaction that reads first and writes later (`BEGIN`) is refused at its first write,
at once and without the busy timeout, when another connection wrote in between: the claim
and /forget failures of issue 11. `atomic()` now begins IMMEDIATE and waits for the lock
instead. A full disk is made with SQLite's `max_page_count` on the bot's connection.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from datetime import UTC, datetime

import pytest

from bot.people.privacy import forget
from bot.store import Store
from bot.store.worker import StoreThread
from tests.delivery_fixtures import MONDAY_9AM, Step, add_clinic, enroll

ROUNDS = 100


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "bot.db"
    Store.open(path).close()
    return path


def test_a_transaction_takes_the_write_lock_before_it_reads(path):
    store = Store.open(path)
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    with store.db.atomic():
        store.meta.get("anything")  # only a read so far, and the lock is already ours
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("INSERT INTO meta (key, value) VALUES ('other', 'x')")
    other.execute("INSERT INTO meta (key, value) VALUES ('other', 'x')")  # released at commit
    store.close()


class Writer(threading.Thread):
    """Another process writing small transactions as fast as it can until stopped."""

    def __init__(self, path) -> None:
        super().__init__(daemon=True)
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA busy_timeout = 5000")
        self.stop = threading.Event()
        self.writes = 0

    def run(self) -> None:
        while not self.stop.wait(0.0005):  # a short pause, as an import between its rows
            self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('tick', ?)", [0])
            self.writes += 1


def with_a_writer(path, work) -> int:
    """Run `work(i)` ROUNDS times while another connection writes; returns how many failed."""
    writer = Writer(path)
    writer.start()
    failures = 0
    try:
        for i in range(ROUNDS):
            try:
                work(i)
            except sqlite3.OperationalError:
                failures += 1
    finally:
        writer.stop.set()
        writer.join()
    assert writer.writes > 0  # the writer really was writing meanwhile
    return failures


def test_claims_never_fail_while_another_process_writes(path):
    store = Store.open(path)
    clinic = add_clinic(store)
    enroll(store, clinic, 101, [Step(f"s{i}", MONDAY_9AM) for i in range(ROUNDS)])

    def claim(i: int) -> None:
        [row] = store.deliveries.claim_due(MONDAY_9AM, 1)
        store.deliveries.release(row.id, None)

    assert with_a_writer(path, claim) == 0
    store.close()


def test_forget_never_fails_while_another_process_writes(path):
    store = Store.open(path)
    clinic = add_clinic(store)
    for chat in range(ROUNDS):
        enroll(store, clinic, 5000 + chat, [Step("a", MONDAY_9AM)])
    now = datetime(2026, 3, 3, tzinfo=UTC)
    assert with_a_writer(path, lambda i: forget(store, 5000 + i, now)) == 0
    forgotten = "SELECT count(*) FROM patients WHERE status = 'forgotten'"
    assert store.db.execute(forgotten).fetchone()[0] == ROUNDS
    store.close()


async def test_a_write_refused_for_a_full_disk_lands_once_space_returns(path):
    db = StoreThread.open(path, busy_timeout=0.05)
    try:
        pages = await db.read(lambda: db.store.db.execute("PRAGMA page_count").fetchone()[0])
        await db.read(db.store.db.execute, f"PRAGMA max_page_count = {pages}")  # the disk is full
        write = asyncio.ensure_future(db(lambda: db.store.meta.set(big="x" * 50_000)))
        while db.retries < 2:
            await asyncio.sleep(0.01)
        assert not write.done()
        await db.read(db.store.db.execute, "PRAGMA max_page_count = 1000000")  # space is back
        await asyncio.wait_for(write, 5)
        assert await db.read(db.store.meta.get, "big") == "x" * 50_000
    finally:
        db.close()
