"""The naive design, as reminder-bot tutorials build it: one APScheduler job per message.

Each message is a `date` job in APScheduler's SQLAlchemy job store (the scheduler PTB's
JobQueue wraps), pickled with its arguments; the job sends when it fires. No outbox, no send
window at send time, no retry policy. `serve` runs it as a bot process for the restart figure.

Needs the optional `bench` extra (SQLAlchemy): pip install -e '.[bench]'
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC

try:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
except ImportError as error:  # pragma: no cover - a message instead of a traceback
    raise SystemExit("The naive benchmark needs SQLAlchemy: pip install -e '.[bench]'") from error
from apscheduler.schedulers.asyncio import AsyncIOScheduler

BOT = None  # the telegram Bot, set by `serve` in the bot process


async def send_reminder(chat_id: int, step_id: str) -> None:
    await BOT.send_message(chat_id, f"Aftercare message {step_id} from your clinic.")


def job_store(db_path: str) -> SQLAlchemyJobStore:
    return SQLAlchemyJobStore(url=f"sqlite:///{db_path}")


def scheduler(db_path: str) -> tuple[AsyncIOScheduler, SQLAlchemyJobStore]:
    store = job_store(db_path)
    return AsyncIOScheduler(jobstores={"default": store}, timezone=UTC), store


async def serve(db_path: str, api_url: str) -> None:
    """The naive bot: a Bot and a scheduler on the job store, until cancelled."""
    global BOT
    from telegram import Bot

    BOT = Bot("7000000001:bench-naive", base_url=f"{api_url}/bot")
    await BOT.initialize()
    jobs, _ = scheduler(db_path)
    jobs.start()
    try:
        await asyncio.Event().wait()
    finally:
        jobs.shutdown(wait=False)
        await BOT.shutdown()


if __name__ == "__main__":
    import contextlib

    # Jobs name "naive_jobs:send_reminder": run that module's serve, not __main__'s copy.
    import naive_jobs

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(naive_jobs.serve(sys.argv[1], sys.argv[2]))
