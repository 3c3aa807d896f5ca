"""One chat's updates handled one at a time across instances on one PostgreSQL database, in
webhook mode (where a load balancer may hand a chat's next update to another instance).

A session advisory lock per chat (`pg_try_advisory_lock`, keyed by the chat id), taken on
one connection per instance and asked again every `retry` seconds while another instance
holds it; a dying instance's locks end with its connection. Within an instance the update
processor already keeps a chat's updates in order (`bot.telegram.chat_order`). When the
database cannot be reached an update is not held up: it goes on unlocked (logged once).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import psycopg

log = logging.getLogger(__name__)

CHAT_SPACE = 0x61666368  # "afch": the lock space (first key) of per-chat locks


class ChatLocks:
    """`async with locks.hold(chat_id):` around one update of that chat."""

    def __init__(self, url: str, *, retry: float = 0.02) -> None:
        self.url = url
        self.retry = retry
        self._conn: psycopg.AsyncConnection | None = None
        self._turn: asyncio.Lock | None = None
        self._down = False

    @contextlib.asynccontextmanager
    async def hold(self, chat_id: int) -> AsyncIterator[None]:
        held = await self._take(chat_id)
        try:
            yield
        finally:
            if held:
                await asyncio.shield(self._ask("SELECT pg_advisory_unlock(%s, %s)", chat_id))

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    async def _take(self, chat_id: int) -> bool:
        while True:
            taken = await self._ask("SELECT pg_try_advisory_lock(%s, %s)", chat_id)
            if taken is None:  # no database just now: go on unlocked
                return False
            if taken:
                return True
            await asyncio.sleep(self.retry)

    async def _ask(self, sql: str, chat_id: int) -> bool | None:
        # Both keys are 32-bit: the chat id folded into the second (ids are 52-bit).
        key = (chat_id ^ (chat_id >> 32)) & 0x7FFFFFFF
        if self._turn is None:
            self._turn = asyncio.Lock()
        try:
            async with self._turn:
                if self._conn is None or self._conn.closed or self._conn.broken:
                    self._conn = await psycopg.AsyncConnection.connect(
                        self.url, autocommit=True, connect_timeout=5
                    )
                cursor = await self._conn.execute(sql, [CHAT_SPACE, key])
                (answer,) = await cursor.fetchone()
        except psycopg.Error as error:
            if not self._down:
                log.warning("chat_locks_unreachable error=%s", type(error).__name__)
            self._down = True
            return None
        self._down = False
        return bool(answer)
