"""Wake-ups between instances on one PostgreSQL database: `LISTEN` on a connection of its own.

The database notifies at commit when a row another instance should act on was written (the
triggers of `schema_instances`: an outbox row pending, an escalation to raise); `Listener`
calls that channel's handler on the event loop, so the outbox arms at once instead of at
its safety tick. A lost connection is opened again every `retry` seconds; on every
(re)connection each handler is called once, for what was written while nobody listened.
SQLite has one bot per database and no listener.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping

import psycopg

from bot.store.schema_instances import ESCALATIONS_CHANNEL, OUTBOX_CHANNEL

log = logging.getLogger(__name__)

OUTBOX = OUTBOX_CHANNEL
ESCALATIONS = ESCALATIONS_CHANNEL
CHANNELS = (OUTBOX, ESCALATIONS)


class Listener:
    """Calls `handlers[channel]()` (on the event loop, no argument) for every notice on one of
    `CHANNELS`; unknown channels raise ValueError. `start` returns once listening."""

    def __init__(
        self, url: str, handlers: Mapping[str, Callable[[], None]], *, retry: float = 1.0
    ) -> None:
        unknown = set(handlers) - set(CHANNELS)
        if unknown:
            raise ValueError(f"no such channel: {', '.join(sorted(unknown))}")
        self.url = url
        self.handlers = dict(handlers)
        self.retry = retry
        self.heard = 0  # notices handled (tests, health)
        self._task: asyncio.Task | None = None
        self._listening = asyncio.Event()

    async def start(self, timeout: float = 10.0) -> None:
        """Connect and LISTEN; raises TimeoutError when not listening within `timeout`."""
        self._task = asyncio.create_task(self._run(), name="aftercare-listener")
        await asyncio.wait_for(self._listening.wait(), timeout)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self.url, autocommit=True) as conn:
                    for channel in self.handlers:
                        await conn.execute(f"LISTEN {channel}")
                    self._listening.set()
                    for channel in self.handlers:
                        self._call(channel)  # whatever was written while nobody listened
                    async for notice in conn.notifies():
                        self.heard += 1
                        self._call(notice.channel)
            except psycopg.Error as error:
                log.warning("listener_lost error=%s retry_in=%ss", type(error).__name__, self.retry)
            await asyncio.sleep(self.retry)

    def _call(self, channel: str) -> None:
        handler = self.handlers.get(channel)
        try:
            if handler is not None:
                handler()
        except Exception:  # one handler's fault must not end the listening
            log.exception("listener_handler_failed channel=%s", channel)
