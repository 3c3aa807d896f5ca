"""Scale: 100,000 enrolled patients (about 600,000 outbox rows) on one SQLite file, after real
sending, before and after retention; and the bot process restarted on it.

1. Plan every patient with the shipped timeline through the planner (`plan_patient`), with the
   events enrollment and consent record; one patient in twenty also has an answered question
   (an escalation with their words and the staff's answer). Sessions are spread over the 60
   days before now.
2. Send what fell due over those 60 days as the outbox does, at one-hour ticks: claim, render
   with the real renderer (the clinic's wording, the shipped timeline), record through
   `rules.sent` (text, content version, message id, the "delivered" event). Then one more
   day of it at one-minute ticks, timing the outbox's lookups (expire + claim, `next_due`).
3. Size: the database (file + write-ahead log, checkpointed) per patient, and its live pages.
4. Restart: `aftercare run` as a new process on that file after the hour's downtime, against
   the stand-in enforcing Telegram's limits strictly: seconds to its first message, the hour's
   backlog drained, 429s, and the bot process's peak memory (VmHWM of that process).
5. Retention: the bot's own pass (`bot.people.retention.prune`, batches on the store's thread)
   as it would run 90 days after the last send; its time; the size per patient after it (live
   pages, and the file after VACUUM, which SQLite needs to hand the space back).

    python bench/bench_scale.py [--patients 100000] [--baseline 1000] [--keep FILE] [--json F]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from datetime import time as wall
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import seed

from bot.delivery import rules
from bot.delivery.journey import make_renderer
from bot.people import stats
from bot.people.retention import prune
from bot.standin.botapi import BotAPIStandIn
from bot.standin.records import StandInTimeout
from bot.store import Store
from bot.store.timefmt import iso
from bot.store.worker import StoreThread
from content.timeline import load_timeline

SPREAD = timedelta(days=60)
ALL_DAY = (wall(0, 0), wall(23, 59))
RETENTION_DAYS = 90


def layout(now: datetime) -> dict[str, datetime]:
    """Sessions over the 60 days before the walk; the walked day ends an hour ago."""
    walk_end = now - timedelta(hours=1)
    walk_start = walk_end - timedelta(days=1)
    return {"epoch": walk_start - SPREAD, "walk_start": walk_start, "walk_end": walk_end}


def plan_all(store: Store, patients: int, epoch: datetime) -> tuple[float, int]:
    """Every patient planned (and their enrollment's events); returns (seconds, rows)."""
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
        with store.db.atomic():
            for name in (stats.ENROLLED, stats.LINK_OPENED, stats.CONSENTED):
                store.events.record(name, now=at, clinic_id=clinic.id, patient_id=ids[0])
        rows += seed.plan_patient(store, clinic, timeline, ids, at, at, series_length=3)[1]
        if i % 20 == 0:  # one patient in twenty asked something staff had to answer
            asked(store, clinic.id, ids[0], at + timedelta(days=2))
    return time.perf_counter() - started, rows


def asked(store: Store, clinic_id: int, patient_id: int, at: datetime) -> None:
    """An escalation as the inbox records one: the patient's words, staff's answer, closed."""
    with store.db.atomic():
        made = store.escalations.add(
            clinic_id=clinic_id,
            patient_id=patient_id,
            kind="unknown",
            category=None,
            question="Is it normal that my skin feels tight and a bit itchy on the third day?",
            now=at,
        )
        answer = "Yes, that is common while the skin settles; keep it moisturised and call us."
        store.escalations.mark_replied(made.id, by=1, now=at + timedelta(hours=1), answer=answer)
        store.escalations.close(made.id, by=1, note=None, now=at + timedelta(hours=1))


def send_due(store: Store, render, now: datetime, batch: int = 500) -> int:
    """What the outbox does with the rows due by `now`: expire the stale ones, then claim,
    render and record each as sent (no HTTP). Returns how many were sent."""
    rules.expire_stale(store, now)
    sent = 0
    while rows := store.deliveries.claim_due(now, batch):
        with store.db.atomic():
            for row in rows:
                rules.sent(store, row, now, row.id, render(row))
        sent += len(rows)
    return sent


def history(store: Store, render, start: datetime, end: datetime) -> int:
    """The 60 days before the measured day, at one-hour ticks (shorter than any step's expiry):
    every row sent when due, as the running bot would have. Returns how many were sent."""
    sent, now = 0, start
    while now < end:
        sent += send_due(store, render, now)
        now += timedelta(hours=1)
    return sent + send_due(store, render, end)


def walk(store: Store, render, start: datetime, end: datetime) -> dict[str, list[float]]:
    """One-minute ticks: expire + claim (find due rows), render and record, then next_due."""
    find, nxt, sent = [], [], 0
    now = start
    while now < end:
        t0 = time.perf_counter()
        rules.expire_stale(store, now)
        rows = store.deliveries.claim_due(now, 32)
        find.append(time.perf_counter() - t0)
        for row in rows:
            rules.sent(store, row, now, row.id, render(row))
        sent += len(rows) + send_due(store, render, now)
        t1 = time.perf_counter()
        store.deliveries.next_due()
        nxt.append(time.perf_counter() - t1)
        now += timedelta(minutes=1)
    return {"find": find, "next_due": nxt, "sent": sent}


def sizes(db_path: Path) -> dict[str, float]:
    """The file after a checkpoint, and the bytes its live pages hold (free pages left out)."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    on_disk = sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*"))
    return {"file": on_disk, "live": (pages - free) * page}


def backlog_at(db_path: Path | str, now: datetime) -> int:
    """How many rows are due at `now` and not stale (counted, not claimed)."""
    store = Store.open(db_path)
    try:
        return store.db.execute(
            "SELECT count(*) FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ?"
            " AND (expires_at IS NULL OR expires_at > ?)",
            [iso(now), iso(now)],
        ).fetchone()[0]
    finally:
        store.close()


def peak_rss_mb(pid: int) -> float:
    """VmHWM of a live process: the most resident memory it ever had."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def restart(db_path: Path | str, cwd: Path | None = None) -> dict[str, float]:
    """Start `aftercare run` after the downtime, against Telegram's strict limits; `db_path`
    may be a postgresql:// URL, then the process runs in `cwd`."""
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
            cwd=cwd or Path(db_path).parent,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            [first] = (await standin.wait_for_messages(None, 1, timeout=120))[:1]
            with contextlib.suppress(StandInTimeout):
                await standin.wait_for_messages(None, backlog, timeout=60 + backlog / 20)
            delivered = standin.messages()
            return {
                "first_send": first.at - started,
                "backlog": backlog,
                "drain": delivered[-1].at - first.at,
                "delivered": len(delivered),
                "429s": standin.stats.too_many_requests,
                "bot_rss_mb": peak_rss_mb(process.pid),
            }
        finally:
            process.send_signal(signal.SIGTERM)
            await process.wait()


async def retention(db_path: Path, now: datetime) -> tuple[float, int, int]:
    """The bot's retention pass on its store thread; returns (seconds, texts, escalations)."""
    db = StoreThread.open(db_path)
    try:
        started = time.perf_counter()
        pruned = await prune(db, now, RETENTION_DAYS)
        return time.perf_counter() - started, pruned.texts, pruned.escalations
    finally:
        db.close()


def vacuumed_size(db_path: Path, folder: Path) -> int:
    """The file's size once SQLite hands the blanked space back (VACUUM INTO a copy)."""
    copy = folder / "vacuumed.db"
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("VACUUM INTO ?", [str(copy)])
    size = copy.stat().st_size
    copy.unlink()
    return size


def small_restart(patients: int, when: dict[str, datetime]) -> dict[str, float]:
    """The baseline: the same history and restart with `patients` (a few due at the restart),
    so the figure at scale can be read as a ratio to what start-up alone costs here."""
    with tempfile.TemporaryDirectory(prefix="bench-scale-small-") as folder:
        db_path = Path(folder) / "small.db"
        store = Store.open(db_path)
        plan_all(store, patients, when["epoch"])
        timeline = load_timeline()
        render = make_renderer(store, lambda: timeline)
        history(store, render, when["epoch"], when["walk_end"])
        store.close()
        return asyncio.run(restart(db_path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=1_000, help="patients, the restart's")
    parser.add_argument("--keep", type=Path, help="keep a copy of the database here")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    n = args.patients
    when = layout(datetime.now(UTC).replace(microsecond=0))
    result: dict = {"machine": seed.machine(), "load": seed.load_average(), "patients": n}
    small = small_restart(args.baseline, when)
    result["baseline_patients"] = args.baseline
    result["baseline_restart_to_first_send_s"] = small["first_send"]
    result["baseline_bot_peak_rss_mb"] = small["bot_rss_mb"]
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        db_path = Path(folder) / "scale.db"
        store = Store.open(db_path)
        plan_seconds, rows = plan_all(store, n, when["epoch"])
        timeline = load_timeline()
        render = make_renderer(store, lambda: timeline)
        started = time.perf_counter()
        sent = history(store, render, when["epoch"], when["walk_start"])
        history_seconds = time.perf_counter() - started
        day = walk(store, render, when["walk_start"], when["walk_end"])
        store.close()
        before = sizes(db_path)
        if args.keep:
            shutil.copy(db_path, args.keep)
        after_restart = asyncio.run(restart(db_path))
        sizes(db_path)  # checkpointed: the copy holds everything
        shutil.copy(db_path, Path(folder) / "kept.db")  # for the size with every text kept
        last_send = datetime.now(UTC)
        took, texts, escalations = asyncio.run(
            retention(db_path, last_send + timedelta(days=RETENTION_DAYS, minutes=1))
        )
        after = sizes(db_path)
        after_vacuum = vacuumed_size(db_path, Path(folder))
        kept_vacuum = vacuumed_size(Path(folder) / "kept.db", Path(folder))
    result.update(
        {
            **seed.planning_figures(n, rows, plan_seconds),
            "sent_before_walk": sent,
            "sent_before_walk_s": history_seconds,
            "sent_in_walk": day["sent"],
            **seed.lookup_figures(day),
            "db_mb": before["file"] / 1e6,
            "db_bytes_per_patient": before["file"] / n,
            "db_live_bytes_per_patient": before["live"] / n,
            "db_vacuumed_bytes_per_patient": kept_vacuum / n,
            "restart_to_first_send_s": after_restart["first_send"],
            "restart_ratio_to_baseline": after_restart["first_send"] / small["first_send"],
            "restart_backlog": after_restart["backlog"],
            "restart_backlog_drain_s": after_restart["drain"],
            "restart_delivered": after_restart["delivered"],
            "restart_429s": after_restart["429s"],
            "bot_peak_rss_mb": after_restart["bot_rss_mb"],
            "retention_s": took,
            "retention_texts_blanked": texts,
            "retention_escalations_blanked": escalations,
            "after_retention_live_bytes_per_patient": after["live"] / n,
            "after_retention_vacuumed_bytes_per_patient": after_vacuum / n,
        }
    )
    seed.report(result, args.json)


if __name__ == "__main__":
    main()
