"""The baselines the sending benchmarks run beside the bot, in the same run and on the same data:
python-telegram-bot's stock `AIORateLimiter()` in the bot, and the one-job-per-message design
(`naive_jobs.py`) sending through the bot's own limiter.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram.ext import AIORateLimiter, BaseRateLimiter, ExtBot

from bot.standin.botapi import BotAPIStandIn
from bot.store import Store
from bot.store.timefmt import iso
from bot.telegram.ratelimit import build_rate_limiter

TOKEN = "7000000001:bench-baseline"


class StockLimiter(BaseRateLimiter[Any]):
    """`AIORateLimiter()` exactly as shipped (30 a second as a leaky bucket that lets the
    first second's worth through at once, no retries). The bot's per-call options are not
    passed on: AIORateLimiter reads `rate_limit_args` as a retry count."""

    def __init__(self) -> None:
        self._stock = AIORateLimiter()
        # It logs every 429 with a traceback; the stand-in counts them for the figures.
        logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)

    async def initialize(self) -> None:
        await self._stock.initialize()

    async def shutdown(self) -> None:
        await self._stock.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict | list[dict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Any,
    ) -> bool | dict | list[dict]:
        return await self._stock.process_request(callback, args, kwargs, endpoint, data, None)


def stock_limiter() -> StockLimiter:
    return StockLimiter()


def due_messages(db_path: Path, until: datetime) -> list[tuple[int, str]]:
    """(chat, step) of every pending outbox row due by `until`: what the naive design plans."""
    store = Store.open(db_path)
    try:
        return [
            (row["chat_id"], row["step_id"])
            for row in store.db.query(
                "SELECT p.chat_id, d.step_id FROM deliveries d JOIN patients p"
                " ON p.id = d.patient_id WHERE d.status = 'pending' AND d.due_at <= ?"
                " ORDER BY d.due_at, d.id",
                [iso(until)],
            )
        ]
    finally:
        store.close()


async def run_naive(
    db_path: Path, folder: Path, due: dict[int, int], *, lead: float, until: datetime
) -> dict[str, Any]:
    """One APScheduler `date` job per due message in a SQLAlchemy job store, all firing `lead`
    seconds from now, each sending with a Bot that has the bot's limiter; until every due
    message went out (or five minutes passed)."""
    import naive_jobs

    messages = due_messages(db_path, until)
    standin = BotAPIStandIn(flood_limits=True)
    await standin.start()
    opening = time.monotonic() + lead
    fire_at = datetime.fromtimestamp(time.time() + lead, UTC)
    naive_jobs.BOT = ExtBot(TOKEN, base_url=standin.base_url, rate_limiter=build_rate_limiter())
    jobs, _ = naive_jobs.scheduler(str(folder / "jobs.db"))
    try:
        await naive_jobs.BOT.initialize()
        for chat, step in messages:
            jobs.add_job(
                "naive_jobs:send_reminder",
                "date",
                run_date=fire_at,
                args=[chat, step],
                id=f"{chat}:{step}",
                misfire_grace_time=86_400,
                replace_existing=True,
            )
        jobs.start()
        deadline = opening + 300
        total = sum(due.values())
        while time.monotonic() < deadline and len(standin.messages()) < total:
            await asyncio.sleep(0.25)  # waiting for real sends, not scheduled time
        await asyncio.sleep(2.0)
    finally:
        jobs.shutdown(wait=False)
        await naive_jobs.BOT.shutdown()
        await standin.stop()
    return {"standin": standin, "opening": opening}
