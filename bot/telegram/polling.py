"""Long polling when several instances share one PostgreSQL database: only the holder of
the poller lock (`bot.store.leadership`) polls; every `every` seconds each instance looks
again, so when the poller stops or dies another starts polling within seconds. All of them
run the outbox and the jobs meanwhile. On SQLite (one bot) `Application.run_polling` is used.

`run_polling_in_turn` is `run_polling`'s life cycle (initialize, post_init, start, run until
`stop_running`, then stop, post_stop, shutdown) with the updater started and stopped by
`PollingTurn` instead of once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import Application

if TYPE_CHECKING:  # psycopg is the postgres extra's: imported only when in use
    from bot.store.leadership import PollerLock

log = logging.getLogger(__name__)

EVERY = 2.0  # seconds between two looks at the poller lock
TURN = "polling_turn"  # bot_data key


class PollingTurn:
    """Polls while this instance holds `lock`. `polling` says whether it does now."""

    def __init__(
        self, app: Application, lock: PollerLock, *, every: float = EVERY, **poll: Any
    ) -> None:
        self.app = app
        self.lock = lock
        self.every = every
        self.poll = {"allowed_updates": Update.ALL_TYPES, **poll}
        self.polling = False
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        """Look once now (a lone instance polls at once), then every `every` seconds."""
        await self._look()
        self._task = asyncio.create_task(self._watch(), name="polling-turn")

    async def stop(self) -> None:
        """Stop polling and give the lock up, for another instance to take."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()
        self.polling = False
        await self.lock.release()

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            try:
                await self._look()
            except Exception:  # the next look tries again
                log.exception("polling_turn_failed")

    async def _look(self) -> None:
        if self.polling:
            if not await self.lock.held():  # lost our connection: another may poll now
                await self.app.updater.stop()
                self.polling = False
                log.warning("polling_stopped reason=lock_lost")
        elif await self.lock.try_take():
            await self.app.updater.start_polling(**self.poll)
            self.polling = True
            log.info("polling_started")


def run_polling_in_turn(app: Application, loop: asyncio.AbstractEventLoop, url: str) -> None:
    """Run `app` until `app.stop_running()`, polling only in this instance's turn."""
    from bot.store.leadership import PollerLock

    turn = PollingTurn(app, PollerLock(url))
    app.bot_data[TURN] = turn
    try:
        loop.run_until_complete(app.initialize())
        if app.post_init:
            loop.run_until_complete(app.post_init(app))
        loop.run_until_complete(app.start())
        loop.run_until_complete(turn.start())
        loop.run_forever()  # `stop_running` stops the loop, as in run_polling
    finally:
        loop.run_until_complete(turn.stop())
        if app.running:
            loop.run_until_complete(app.stop())
            if app.post_stop:
                loop.run_until_complete(app.post_stop(app))
        loop.run_until_complete(app.shutdown())
