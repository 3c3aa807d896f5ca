"""What a running bot serves while it runs: when configured, the health endpoint. `bot.app`
starts it after the outbox and stops it last. (The instance lock on the database is taken
before anything else, with the store: `bot.app.open_bot_services`.)"""

from __future__ import annotations

import logging

from bot.clock import Clock
from bot.ops.health import HealthCheck, PassingOutbox
from bot.ops.health_server import HealthServer
from bot.settings import Settings

log = logging.getLogger(__name__)


class Presence:
    def __init__(self, settings: Settings, clock: Clock, outbox: PassingOutbox | None) -> None:
        self.settings = settings
        self.clock = clock
        self.outbox = outbox
        self.health: HealthServer | None = None

    async def start(self) -> None:
        """Serve health; raises OSError when the health port is taken."""
        db_path = self.settings.db_path
        port = self.settings.health_port
        if port is None:
            return
        check = HealthCheck(db_path, self.clock, self.outbox)
        health = HealthServer(check, self.settings.health_host, port)
        try:
            await health.start()
        except OSError:
            await self.stop()
            raise
        self.health = health

    async def stop(self) -> None:
        if self.health is not None:
            await self.health.stop()
            self.health = None
