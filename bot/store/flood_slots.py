"""Telegram's flood limits shared by every instance on one PostgreSQL database.

The rule is the in-process one (`bot.telegram.throttle`): a send holds a place from the
moment it is let go until `period` after its answer, at most `limit` places at once, and a
chat's next send waits until `period` after its previous answer. Here the places are rows of
`flood_slots`, taken one at a time under an advisory lock and timed by the server's clock
(`aftercare_take_slot`, m016), so several instances, on several hosts, together stay under
the limits. One asyncio connection per instance; its sends ask in turn, in the order the
in-process throttle let them go (most urgent first).

When the database cannot be reached a send is not held up: `take` returns None (logged once
per outage) and only the in-process throttle paces it, as on SQLite.
"""

from __future__ import annotations

import asyncio
import logging
import time

import psycopg

log = logging.getLogger(__name__)

STALE = 60.0  # seconds after which a place never answered is a dead process's


class SharedFloodLimit:
    """`await take(chat)` waits for a place and returns its id (None: not shared just now);
    `await done(slot)` when Telegram answered. `limit` per `period` seconds, as the Gate's."""

    def __init__(self, url: str, *, limit: int = 30, period: float = 1.0) -> None:
        if limit < 1 or period <= 0:
            raise ValueError("the shared limit needs a limit of at least 1 and a positive period")
        self.url = url
        self.limit = limit
        self.period = period
        self.asked = 0  # round trips to the server (the benchmarks' figure)
        self._conn: psycopg.AsyncConnection | None = None
        self._lock: asyncio.Lock | None = None
        self._down = False
        self._granted: dict[int, float] = {}  # place -> when it was asked for (monotonic)

    async def take(self, chat: int) -> int | None:
        """Wait (real time) until the chat and the limit allow a send; its place's id."""
        while True:
            asked = time.monotonic()  # before the server grants it: `done` errs long
            try:
                async with self._turn():
                    conn = await self._connection()
                    cursor = await conn.execute(
                        "SELECT slot, wait FROM aftercare_take_slot(%s, %s, %s)",
                        [int(chat), self.limit, STALE],
                    )
                    slot, wait = await cursor.fetchone()
                    self.asked += 1
            except psycopg.Error as error:
                return self._unreachable(error)
            self._down = False
            if slot is not None:
                self._granted[slot] = asked
                return slot
            await asyncio.sleep(min(max(wait, 0.002), 1.0))

    async def done(self, slot: int | None) -> None:
        """The send holding `slot` was answered (or gave up): its place frees `period` on."""
        if slot is None:
            return
        # Timed from the grant on this host's clock, so the wait for this call's turn on the
        # connection does not hold the place longer than the send did.
        held = time.monotonic() - self._granted.pop(slot, time.monotonic())
        try:
            async with self._turn():
                conn = await self._connection()
                await conn.execute(
                    "UPDATE flood_slots SET free_at = taken_at + %s WHERE id = %s",
                    [held + self.period, slot],
                )
        except psycopg.Error as error:  # the place goes stale and frees itself
            self._unreachable(error)

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    def _turn(self) -> asyncio.Lock:
        if self._lock is None:  # made on the event loop that uses it
            self._lock = asyncio.Lock()
        return self._lock

    async def _connection(self) -> psycopg.AsyncConnection:
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._conn = await psycopg.AsyncConnection.connect(
                self.url, autocommit=True, connect_timeout=5
            )
        return self._conn

    def _unreachable(self, error: psycopg.Error) -> None:
        if not self._down:
            log.warning("shared_flood_limit_unreachable error=%s", type(error).__name__)
        self._down = True
        if self._conn is not None and self._conn.broken:
            self._conn = None
        return None
