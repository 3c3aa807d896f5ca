"""The health endpoint: GET /health answers the `HealthCheck` as JSON, 200 or 503."""

from __future__ import annotations

import json
import logging

from aiohttp import web

from bot.ops.health import PATH, HealthCheck

log = logging.getLogger(__name__)


class HealthServer:
    """Serves `check` on host:port (port 0: any free one; `url` tells which)."""

    def __init__(self, check: HealthCheck, host: str, port: int) -> None:
        self.check = check
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen; raises OSError (with the address) when the port cannot be had."""
        app = web.Application()
        app.router.add_get(PATH, self._answer)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, self.host, self.port).start()
        except OSError as error:
            await self._runner.cleanup()
            self._runner = None
            raise OSError(
                error.errno,
                f"cannot serve health on {self.host}:{self.port}: {error.strerror} "
                "(set AFTERCARE_HEALTH_PORT to another port, or off)",
            ) from None
        self.port = self._runner.addresses[0][1]
        log.info("health_listening host=%s port=%s", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{PATH}"

    async def _answer(self, request: web.Request) -> web.Response:
        health = self.check.check()
        if not health.healthy:
            log.warning("health_unhealthy reasons=%d", len(health.reasons))
        return web.Response(
            text=json.dumps(health.body),
            status=200 if health.healthy else 503,
            content_type="application/json",
        )
