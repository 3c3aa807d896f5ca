"""Real `aftercare run` processes against the stand-in in this process, for the tests that
kill, stop or double-start the bot."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

from bot.clock import ClockAnchor
from bot.store import Store
from tests.delivery_fixtures import MONDAY_9AM

ROOT = Path(__file__).resolve().parents[2]
DB = "bot.db"


def anchor(store: Store, speed: float) -> None:
    """Simulated time starts now at Monday 09:00 and runs `speed` times faster."""
    store.meta.set_clock_anchor(ClockAnchor(speed, time.time(), MONDAY_9AM))


async def start_bot(
    tmp_path: Path, url: str, log_name: str, *, speed: float, **env: str
) -> asyncio.subprocess.Process:
    """`aftercare run` on tmp_path/bot.db, talking to the stand-in at `url`; its output goes
    to tmp_path/log_name."""
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "7000000001:crash-test-token",
        "TELEGRAM_API_BASE_URL": url,
        "AFTERCARE_DB": str(tmp_path / DB),
        "AFTERCARE_HEALTH_PORT": "0",  # any free port: runs side by side
        "AFTERCARE_CLOCK_SPEED": str(speed),
        "PYTHONPATH": str(ROOT),
        **env,
    }
    log = open(tmp_path / log_name, "wb")  # noqa: SIM115 - the child process owns it
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=environment, stdout=log, stderr=log
    )


def logs(tmp_path: Path, *names: str) -> str:
    """The end of each log, for a failure message."""
    return "\n".join(
        (tmp_path / name).read_text(errors="replace")[-3000:]
        for name in names
        if (tmp_path / name).exists()
    )
