"""The store's thread: the event loop keeps running while SQLite waits, a call that meets a
lock held by another process is rolled back and tried again, and nothing but the thread
touches the connection.

The "other process" is a second connection to the same file (SQLite locks per connection).
Waits here are real: they are a lock's duration, not scheduled time.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time

import pytest

from bot.store import Store
from bot.store.worker import StoreThread


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "bot.db"
    Store.open(path).close()  # created and migrated
    return path


@pytest.fixture
def db(path):
    db = StoreThread.open(path, busy_timeout=0.05)
    yield db
    db.close()


def other_process(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, check_same_thread=False)


def set_meta(store: Store, key: str, value: str) -> None:
    store.meta.set(**{key: value})


async def longest_stall(during: asyncio.Future, tick: float = 0.01) -> float:
    """The longest the event loop went without running a 10 ms ticker, until `during` ends."""
    longest, last = 0.0, time.monotonic()
    while not during.done():
        await asyncio.sleep(tick)
        now = time.monotonic()
        longest, last = max(longest, now - last - tick), now
    return longest


async def test_the_loop_keeps_running_while_another_process_holds_the_write_lock(path, db):
    other = other_process(path)
    other.execute("BEGIN IMMEDIATE")  # a CSV import, a backup, a second bot...
    asyncio.get_running_loop().call_later(0.8, other.rollback)
    write = asyncio.ensure_future(db(set_meta, db.store, "k", "v"))
    stall = await longest_stall(write)
    await write
    assert stall < 0.3
    assert db.retries > 0  # the write met the lock, and waited its turn on the loop's side
    assert Store.open(path).meta.get("k") == "v"


async def test_reads_go_on_while_another_process_writes(path, db):
    await db(set_meta, db.store, "k", "before")
    other = other_process(path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE meta SET value = 'uncommitted' WHERE key = 'k'")
    try:
        # WAL: a read needs no lock, so it neither waits nor sees the other's uncommitted work.
        assert await asyncio.wait_for(db.read(db.store.meta.get, "k"), 0.5) == "before"
        assert db.retries == 0
    finally:
        other.rollback()


async def test_a_call_that_meets_an_error_midway_leaves_nothing_behind(db):
    def half_then_fail(store: Store) -> None:
        store.meta.set(first="written")
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        await db(half_then_fail, db.store)
    assert await db.read(db.store.meta.get, "first") is None


async def test_a_lock_that_outlasts_the_retries_raises(path):
    db = StoreThread.open(path, busy_timeout=0.05, retry_for=0.3)
    other = other_process(path)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await db(set_meta, db.store, "k", "v")
    finally:
        other.rollback()
        db.close()


async def test_errors_that_are_not_a_lock_or_a_full_disk_raise_at_once(db):
    def broken(store: Store) -> None:
        store.db.execute("SELECT * FROM no_such_table")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        await db.read(broken, db.store)
    assert db.retries == 0


def test_only_the_stores_thread_may_touch_its_connection(db):
    with pytest.raises(sqlite3.ProgrammingError, match="thread"):
        db.store.meta.get("k")
    assert db.call(db.store.meta.get, "k") is None  # the way in from outside the loop


async def test_calls_run_one_at_a_time_in_the_order_made(db):
    seen: list[tuple[int, str]] = []

    def record(store: Store, n: int) -> None:
        seen.append((n, threading.current_thread().name))

    await asyncio.gather(*(db(record, db.store, n) for n in range(20)))
    assert [n for n, _ in seen] == list(range(20))
    assert {name for _, name in seen} == {seen[0][1]} and seen[0][1].startswith("store")


async def test_when_stopping_a_locked_database_is_given_up_on_in_time(path, db):
    other = other_process(path)
    other.execute("BEGIN IMMEDIATE")
    try:
        write = asyncio.ensure_future(db(set_meta, db.store, "k", "v"))
        await asyncio.sleep(0.2)
        started = time.monotonic()
        db.give_up_after(0.3)  # a stop signal: the exit may not wait on the lock
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await write
        assert time.monotonic() - started < 1.5
    finally:
        other.rollback()
