"""A local stand-in for the Telegram Bot API, spoken over real HTTP.

Tests, the offline sandbox and the demo point the real python-telegram-bot `Application` at
it (`base_url=standin.base_url`). Users are simulated by injecting updates; everything the
bot does is recorded; faults and flood limits can be switched on (all of it in `state.py`).
This module runs the server: the Bot API routes from `server.py`, the HTTP control API for
other processes from `control.py` (a client for it is in `client.py`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.standin.control import add_control_routes
from bot.standin.server import add_api_routes, not_found
from bot.standin.state import StandInState

log = logging.getLogger(__name__)


class BotAPIStandIn(StandInState):
    """The Bot API subset python-telegram-bot 22 uses, plus injection, recording and faults.

    Takes `StandInState`'s options; `start()` (or `async with`) serves it on a local port.
    """

    _runner: web.AppRunner | None = None
    _url: str | None = None

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on host:port (0 picks a free port); `url` tells where."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        add_api_routes(app, self)
        add_control_routes(app, self)
        app.router.add_route("*", "/{tail:.*}", not_found)
        # No access log: request paths carry the bot token.
        self._runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await self._runner.setup()
        self.closing = asyncio.Event()
        self.updates.open()
        await web.TCPSite(self._runner, host, port).start()
        bound_host, bound_port = self._runner.addresses[0][:2]
        bound_host = f"[{bound_host}]" if ":" in bound_host else bound_host
        self._url = f"http://{bound_host}:{bound_port}"
        log.info("standin_started port=%s", bound_port)

    async def stop(self) -> None:
        """Release held requests and long polls, then close the server."""
        if self._runner is None:
            return
        await self.webhook.stop()
        self.closing.set()
        self.updates.close()
        await self._runner.cleanup()
        self._runner = None
        log.info("standin_stopped")

    async def __aenter__(self) -> BotAPIStandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """Base address, e.g. http://127.0.0.1:8081."""
        if self._url is None:
            raise RuntimeError("the stand-in is not started")
        return self._url

    @property
    def base_url(self) -> str:
        """What python-telegram-bot takes as `base_url`."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"


async def serve(
    host: str = "127.0.0.1",
    port: int = 8081,
    *,
    on_ready: Callable[[BotAPIStandIn], None] | None = None,
    **options: Any,
) -> None:
    """Run a stand-in until cancelled (Ctrl-C under asyncio.run); options go to the constructor."""
    standin = BotAPIStandIn(**options)
    await standin.start(host, port)
    try:
        if on_ready is not None:
            on_ready(standin)
        await asyncio.Event().wait()
    finally:
        await standin.stop()
