"""Scale: 100,000 enrolled patients (about 600,000 outbox rows) on one SQLite file.

Measures: the time to plan them (the consent path: `content.plan.plan` + `deliveries.schedule`
per patient), the outbox's time to find due rows (expire + claim, and `next_due`, p50/p99)
over one simulated day at one-minute ticks, peak memory, database size, and the time from
starting `aftercare run` on that database after an hour's downtime to its first message, and
how the hour's backlog then drains under Telegram's flood limits.

The timeline is laid out around the real clock (sessions over 28 days, the measured day ending
an hour ago) so the restarted bot, on the system clock, finds an hour of backlog due.

    python bench/bench_scale.py [--patients 100000] [--json scale.json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as wall
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import seed

from bot.standin.botapi import BotAPIStandIn
from bot.standin.records import StandInTimeout
from bot.store import Store
from content.timeline import load_timeline

SPREAD = timedelta(days=28)
ALL_DAY = (wall(0, 0), wall(23, 59))


def layout(now: datetime) -> dict[str, datetime]:
    walk_end = now - timedelta(hours=1)
    walk_start = walk_end - timedelta(days=1)
    return {"epoch": walk_start - timedelta(days=3), "walk_start": walk_start, "walk_end": walk_end}


def plan_all(store: Store, patients: int, epoch: datetime) -> tuple[float, int]:
    # All-day hours, so the restart finds work whatever the time of day the bench runs.
    clinic = seed.add_clinic(store, window=ALL_DAY, now=epoch)
    timeline = load_timeline()

    def session_at(i: int) -> datetime:
        return epoch + SPREAD * i / patients

    enrolled = seed.add_patients(store, clinic, patients, session_at)
    started = time.perf_counter()
    rows = 0
    for i, ids in enumerate(enrolled):
        at = session_at(i)
        rows += seed.plan_patient(store, clinic, timeline, ids, at, at, series_length=3)[1]
    return time.perf_counter() - started, rows


def send_all_due(store: Store, now: datetime) -> int:
    """What the outbox's database side does for rows due by `now` (no HTTP)."""
    sent = 0
    while rows := store.deliveries.claim_due(now, 500):
        for row in rows:
            store.deliveries.mark_sent(row.id, now=now, message_id=row.id, text="x", version="v")
        sent += len(rows)
    return sent


def walk(store: Store, start: datetime, end: datetime) -> dict[str, list[float]]:
    """One-minute ticks: expire + claim (find due rows), mark sent, then next_due."""
    find, nxt, sent = [], [], 0
    now = start
    while now < end:
        t0 = time.perf_counter()
        store.deliveries.expire_due(now)
        rows = store.deliveries.claim_due(now, 32)
        find.append(time.perf_counter() - t0)
        for row in rows:
            store.deliveries.mark_sent(row.id, now=now, message_id=row.id, text="x", version="v")
        sent += len(rows) + send_all_due(store, now)
        t1 = time.perf_counter()
        store.deliveries.next_due()
        nxt.append(time.perf_counter() - t1)
        now += timedelta(minutes=1)
    return {"find": find, "next_due": nxt, "sent": sent}


def backlog_at(db_path: Path, now: datetime) -> int:
    """How many rows are due at `now` (counted by claiming them in a rolled-back transaction)."""
    store = Store.open(db_path)
    try:
        store.db.execute("BEGIN")
        return len(store.deliveries.claim_due(now, 10**7))
    finally:
        store.db.execute("ROLLBACK")
        store.close()


async def restart(db_path: Path) -> dict[str, float]:
    """Start `aftercare run` after the downtime, against Telegram's flood limits.

    Returns the seconds to the first message, the backlog found and how long it took to
    drain, the 429s met, and how many of the backlog were not delivered within a minute.
    """
    backlog = backlog_at(db_path, datetime.now(UTC))
    async with BotAPIStandIn(flood_limits=True) as standin:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": "7000000001:bench-scale",
            "TELEGRAM_API_BASE_URL": standin.url,
            "AFTERCARE_DB": str(db_path),
            "AFTERCARE_HEALTH_PORT": "0",  # any free port: runs side by side
            "AFTERCARE_CLOCK_SPEED": "1",
            "PYTHONPATH": str(seed.ROOT),
        }
        started = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=db_path.parent,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            [first] = (await standin.wait_for_messages(None, 1, timeout=120))[:1]
            with contextlib.suppress(StandInTimeout):
                await standin.wait_for_messages(None, backlog, timeout=60)
            delivered = standin.messages()
            return {
                "first_send": first.at - started,
                "backlog": backlog,
                "drain": delivered[-1].at - first.at,
                "429s": standin.stats.too_many_requests,
                "lost": max(0, backlog - len(delivered)),
            }
        finally:
            process.send_signal(signal.SIGTERM)
            await process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    when = layout(datetime.now(UTC).replace(microsecond=0))
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        db_path = Path(folder) / "scale.db"
        store = Store.open(db_path)
        plan_seconds, rows = plan_all(store, args.patients, when["epoch"])
        before = send_all_due(store, when["walk_start"])
        day = walk(store, when["walk_start"], when["walk_end"])
        store.close()
        size = sum(p.stat().st_size for p in Path(folder).glob("scale.db*"))
        rss = seed.peak_rss_mb()
        after = asyncio.run(restart(db_path))
    result = {
        **seed.planning_figures(args.patients, rows, plan_seconds),
        "sent_before_walk": before,
        "sent_in_walk": day["sent"],
        **seed.lookup_figures(day),
        "peak_rss_mb": rss,
        "db_mb": size / 1e6,
        "restart_to_first_send_s": after["first_send"],
        "restart_backlog": after["backlog"],
        "restart_backlog_drain_s": after["drain"],
        "restart_429s": after["429s"],
        "restart_lost": after["lost"],
    }
    seed.report(result, args.json)


if __name__ == "__main__":
    main()
