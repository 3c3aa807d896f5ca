"""The naive design at the same load: one APScheduler job per message, SQLAlchemy job store.

Same 100,000 patients and the same planner as bench_scale.py, but each planned message becomes
a pickled `date` job (misfire grace = the step's expiry, `replace_existing` so re-planning does
not duplicate, as tutorials advise). Measures the same figures: planning time, finding due jobs
(`get_due_jobs` + `get_next_run_time`, what the scheduler does on every wake-up) over one day
at one-minute ticks, peak memory, database size and restart-to-first-send after an hour down.
It then prints naive/outbox ratios against bench_scale.py's figures: run here in a child
process at the same load (its own peak memory), or read from `--compare scale.json`.

After the restart it also counts the backlog jobs that met a 429: a job runs once and is
deleted, so each is a reminder lost.

    pip install -e '.[bench]'
    python bench/bench_naive.py [--patients 100000] [--compare scale.json] [--json naive.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as wall
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import naive_jobs
import seed
from bench_scale import SPREAD, layout

from bot.delivery.plan import plan
from bot.standin.botapi import BotAPIStandIn
from bot.store.clinics import Clinic
from content.timeline import load_timeline

CLINIC = Clinic(
    id=1,
    name="Bench Clinic",
    phone="+44 20 0000 0000",
    timezone="Europe/London",
    window_start=wall(0, 0),
    window_end=wall(23, 59),
)


async def plan_all(db_path: Path, patients: int, epoch) -> tuple[float, int]:
    jobs, _ = naive_jobs.scheduler(str(db_path))
    jobs.start(paused=True)  # jobs go straight to the store; nothing fires
    timeline = load_timeline()
    started = time.perf_counter()
    count = 0
    for i in range(patients):
        at = epoch + SPREAD * i / patients
        for step in plan(timeline, session_at=at, clinic=CLINIC, series_length=3, now=at):
            jobs.add_job(
                "naive_jobs:send_reminder",
                "date",
                run_date=step.due_at,
                args=[seed.FIRST_CHAT + i, step.step_id],
                id=f"{i}:{step.step_id}",
                misfire_grace_time=int((step.expires_at - step.due_at).total_seconds()),
                replace_existing=True,
            )
            count += 1
    seconds = time.perf_counter() - started
    jobs.shutdown(wait=False)
    return seconds, count


def fast_forward(store, until) -> int:
    """Setup, not measured: drop the jobs that would have run before the measured day."""
    with store.engine.begin() as conn:
        table = store.jobs_t
        return conn.execute(
            table.delete().where(table.c.next_run_time <= until.timestamp())
        ).rowcount


async def walk(db_path: Path, start, end) -> dict:
    jobs, store = naive_jobs.scheduler(str(db_path))
    jobs.start(paused=True)
    dropped = fast_forward(store, start)
    find, nxt, ran = [], [], 0
    now = start
    while now < end:
        t0 = time.perf_counter()
        due = store.get_due_jobs(now)
        find.append(time.perf_counter() - t0)
        for job in due:  # a date job is removed once it has run
            store.remove_job(job.id)
        ran += len(due)
        t1 = time.perf_counter()
        store.get_next_run_time()
        nxt.append(time.perf_counter() - t1)
        now += timedelta(minutes=1)
    jobs.shutdown(wait=False)
    return {"find": find, "next_due": nxt, "ran": ran, "dropped": dropped}


async def restart(db_path: Path) -> tuple[float, int, int]:
    """Seconds to the first message after starting the naive bot; then delivered and 429'd."""
    async with BotAPIStandIn(flood_limits=True) as standin:
        started = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(Path(__file__).resolve().parent / "naive_jobs.py"),
            str(db_path),
            standin.url,
            env={**os.environ},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            [first] = (await standin.wait_for_messages(None, 1, timeout=300))[:1]
            await asyncio.sleep(10)  # let the backlog's jobs all fire (real sends, real time)
            return first.at - started, len(standin.messages()), standin.stats.too_many_requests
        finally:
            process.send_signal(signal.SIGTERM)
            await process.wait()


def outbox_figures(path: Path | None, patients: int) -> dict:
    """bench_scale.py's figures at the same load: from `path`, or measured now."""
    if path is not None:
        return json.loads(path.read_text())
    with tempfile.TemporaryDirectory(prefix="bench-naive-outbox-") as folder:
        out = Path(folder) / "scale.json"
        script = Path(__file__).resolve().parent / "bench_scale.py"
        command = [sys.executable, str(script), "--patients", str(patients), "--json", str(out)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--compare", type=Path, help="bench_scale.py --json output")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    when = layout(datetime.now(UTC).replace(microsecond=0))
    with tempfile.TemporaryDirectory(prefix="bench-naive-") as folder:
        db_path = Path(folder) / "jobs.db"
        plan_seconds, count = asyncio.run(plan_all(db_path, args.patients, when["epoch"]))
        day = asyncio.run(walk(db_path, when["walk_start"], when["walk_end"]))
        size = db_path.stat().st_size
        rss = seed.peak_rss_mb()
        first_send, delivered, refused = asyncio.run(restart(db_path))
    result = {
        **seed.planning_figures(args.patients, count, plan_seconds),
        "sent_in_walk": day["ran"],
        **seed.lookup_figures(day),
        "peak_rss_mb": rss,
        "db_mb": size / 1e6,
        "restart_to_first_send_s": first_send,
        "restart_delivered_in_10s": delivered,
        "restart_429_lost": refused,
    }
    seed.report(result, args.json)
    outbox = outbox_figures(args.compare, args.patients)
    if outbox:
        print("ratios, naive / outbox:")
        for key, value in result.items():
            if key.endswith(("_s", "_ms", "_mb", "seconds", "per_patient")) and outbox.get(key):
                print(f"  {key}: {value / outbox[key]:.2f}")


if __name__ == "__main__":
    main()
