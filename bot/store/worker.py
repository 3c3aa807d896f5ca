"""The bot's store on a thread of its own: the event loop awaits database work and never waits
on the database itself.

One thread owns the connection (opened there with `check_same_thread`, so a call from any
other thread fails loudly) and runs calls one at a time, in the order they were made. Domain
code stays synchronous; handlers and jobs run it as `await db(fn, store, ...)` (one
transaction that takes the write lock up front) or `await db.read(fn, ...)` (no transaction:
for calls that only read, which WAL lets through while another process writes, and for the
few that manage their own, such as /forget's erasing).

A call that meets a lock held elsewhere, or a full or failing disk, is rolled back whole and
tried again with backoff for up to `retry_for` seconds; the waiting happens on the event loop
between attempts, so other calls get the thread meanwhile. Only then does it raise.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol, TypeVar

from bot.store import Store
from bot.store.connection import database_errors, is_transient

log = logging.getLogger(__name__)

T = TypeVar("T")

# A statement waits this long for another connection's lock; then the whole call is retried
# later, so one long lock elsewhere never holds the thread for long.
THREAD_BUSY_TIMEOUT = 0.5
RETRY_FOR = 120.0  # seconds a call keeps trying before it raises
FIRST_BACKOFF, MAX_BACKOFF = 0.05, 1.0


class Db(Protocol):
    """What domain code that awaits the store needs: the store, and a way to run on it."""

    store: Store

    async def __call__(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`fn(*args, **kwargs)` in one write transaction; returns what it returns."""
        ...

    async def read(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`fn(*args, **kwargs)` outside a transaction: for calls that only read, or that
        manage their own transactions."""
        ...


class StoreThread:
    """A `Db` whose store lives on one dedicated thread. Build with `StoreThread.open`."""

    def __init__(self, executor: ThreadPoolExecutor, store: Store, *, retry_for: float) -> None:
        self._executor = executor
        self.store = store
        self.retry_for = retry_for
        self.retries = 0  # calls tried again after a transient error, for logs and benchmarks
        self._closing = False
        self._give_up_at = math.inf  # monotonic time after which nothing is tried again

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        busy_timeout: float = THREAD_BUSY_TIMEOUT,
        retry_for: float = RETRY_FOR,
    ) -> StoreThread:
        """Start the thread and open (creating and migrating) the database at `path` on it.

        Errors opening the database (a bad path, a failed migration) raise here.
        """
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        try:
            opening = executor.submit(
                Store.open, path, busy_timeout=busy_timeout, check_same_thread=True
            )
            store = opening.result()
        except BaseException:
            executor.shutdown(wait=False)
            raise
        return cls(executor, store, retry_for=retry_for)

    async def __call__(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run `fn(*args, **kwargs)` on the store's thread inside one `BEGIN IMMEDIATE`
        transaction; a transient failure rolls all of it back and tries again."""
        return await self._retrying(True, fn, args, kwargs)

    async def read(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run `fn(*args, **kwargs)` on the store's thread without a transaction."""
        return await self._retrying(False, fn, args, kwargs)

    def call(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Like awaiting the thread, for code off the event loop (start-up, tests): blocks."""
        delays = _Backoff(self.retry_for)
        while True:
            try:
                return self._executor.submit(self._once, True, fn, args, kwargs).result()
            except database_errors() as error:
                time.sleep(self._next_delay(error, delays, fn))

    def give_up_after(self, seconds: float) -> None:
        """Stopping: calls that meet a lock or a full disk stop trying `seconds` from now, so
        a stop is not held up by a database that cannot be written."""
        self._give_up_at = min(self._give_up_at, time.monotonic() + seconds)

    def close(self) -> None:
        """Stop retrying, close the connection on its thread, and end the thread."""
        self._closing = True
        try:
            self._executor.submit(self.store.close).result()
        finally:
            self._executor.shutdown(wait=True)

    async def _retrying(self, write: bool, fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
        delays = _Backoff(self.retry_for)
        while True:
            future = self._executor.submit(self._once, write, fn, args, kwargs)
            try:
                return await asyncio.wrap_future(future)
            except database_errors() as error:
                await asyncio.sleep(self._next_delay(error, delays, fn))

    def _once(self, write: bool, fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
        if not write:
            return fn(*args, **kwargs)
        with self.store.db.atomic():
            return fn(*args, **kwargs)

    def _next_delay(self, error: Exception, delays: _Backoff, fn: Callable) -> float:
        """How long to wait before trying `fn` again; re-raises `error` when it is not worth it."""
        delay = delays.next()
        stopping = self._closing or time.monotonic() >= self._give_up_at
        if stopping or not is_transient(error) or delay is None:
            raise error
        self.retries += 1
        log.warning(
            "store_retry call=%s attempt=%s error=%s",
            getattr(fn, "__qualname__", "call"),
            delays.attempts,
            getattr(error, "sqlite_errorname", type(error).__name__),
        )
        return delay


class _Backoff:
    """Doubling waits from FIRST_BACKOFF up to MAX_BACKOFF, for `budget` seconds in all."""

    def __init__(self, budget: float) -> None:
        self.deadline = time.monotonic() + budget if math.isfinite(budget) else math.inf
        self.attempts = 0

    def next(self) -> float | None:
        """The next wait in seconds, or None once the budget is spent."""
        self.attempts += 1
        left = self.deadline - time.monotonic()
        if left <= 0:
            return None
        return min(FIRST_BACKOFF * 2 ** min(self.attempts - 1, 10), MAX_BACKOFF, left)
