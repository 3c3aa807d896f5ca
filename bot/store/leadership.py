"""One poller among several instances on one PostgreSQL database: a session advisory lock.

Telegram hands updates to one `getUpdates` caller at a time, so with long polling only the
instance holding this lock polls (`bot.telegram.polling`). The lock lives as long as its
connection: a stopping instance gives it up, and the server frees the lock of one that died
when its connection closes (kill -9: at once; a host gone: after the TCP keepalives below,
about 10 seconds). Webhook mode needs no lock: every instance serves the requests its load
balancer sends it.
"""

from __future__ import annotations

import contextlib

import psycopg

POLLER_LOCK = 0x6166706C  # "afpl"
# The server gives up on a silent client after 5 s idle + 2 probes 2 s apart (this session's
# settings; the server's defaults can be hours).
_KEEPALIVES = "-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=2"


class PollerLock:
    """`await try_take()` True when this instance now holds the lock (or already did);
    `await held()` whether it still does (False once its connection is lost);
    `await release()` gives it up. Connection errors count as not holding it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._conn: psycopg.AsyncConnection | None = None
        self._taken = False

    async def try_take(self) -> bool:
        try:
            if await self.held():
                return True
            if self._conn is None or self._conn.closed:
                self._conn = await psycopg.AsyncConnection.connect(
                    self.url,
                    autocommit=True,
                    connect_timeout=5,
                    keepalives=1,
                    keepalives_idle=5,
                    keepalives_interval=2,
                    keepalives_count=2,
                    options=_KEEPALIVES,
                )
            cursor = await self._conn.execute("SELECT pg_try_advisory_lock(%s)", [POLLER_LOCK])
            (taken,) = await cursor.fetchone()
        except psycopg.Error:
            await self.release()
            return False
        self._taken = bool(taken)
        return self._taken

    async def held(self) -> bool:
        if self._conn is None or self._conn.closed or not self._taken:
            return False
        try:
            await self._conn.execute("SELECT 1")
        except psycopg.Error:
            await self.release()
            return False
        return True

    async def release(self) -> None:
        """Give the lock up (closing the connection frees it on the server)."""
        conn, self._conn, self._taken = self._conn, None, False
        if conn is not None and not conn.closed:
            with contextlib.suppress(psycopg.Error):
                await conn.close()
