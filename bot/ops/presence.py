"""What a running bot holds while it runs: the instance lock on its database and, when
configured, the health endpoint. `bot.app` starts it after the outbox and stops it last."""

from __future__ import annotations

import logging

from bot.clock import Clock
from bot.ops.health import HealthCheck, PassingOutbox
from bot.ops.health_server import HealthServer
from bot.settings import Settings
from bot.store.instance import InstanceLock, running_instance

log = logging.getLogger(__name__)


class Presence:
    def __init__(self, settings: Settings, clock: Clock, outbox: PassingOutbox | None) -> None:
        self.settings = settings
        self.clock = clock
        self.outbox = outbox
        self.lock: InstanceLock | None = None
        self.health: HealthServer | None = None

    async def start(self) -> None:
        """Take the instance lock and serve health; raises OSError when the health port is
        taken (nothing is left held then)."""
        db_path = self.settings.db_path
        self.lock = InstanceLock.acquire(db_path, self.clock.now())
        if self.lock is None:
            # Refusing to start is the single-instance lease's decision, not this one's.
            other = running_instance(db_path)
            log.warning("instance_lock_busy pid=%s", other.pid if other else None)
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
        if self.lock is not None:
            self.lock.release()
            self.lock = None
