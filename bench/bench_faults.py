"""Faults while the real bot runs a busy timeline, in this process against the stand-in:

- another process holds the database's write lock for 30 s;
- the disk is full for 30 s (a tmpfs in a private mount namespace: needs root and
  `unshare`; skipped otherwise);
- one `sendMessage` is never answered;
- Telegram answers one chat with `retry_after` 60.

Under each: what was lost or sent twice, rows left `sending`, red flags escalated, how late
other patients' messages and replies were, and the longest the event loop stalled. Real time
(clock speed 1), loopback only, every scenario bounded (about 45 s each).

    python bench/bench_faults.py [--only lock,disk,hung,flood] [--write]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import faultkit

from bot.clock import ScaledClock
from bot.standin.botapi import BotAPIStandIn
from bot.standin.harness import running_bot
from bot.standin.records import StandInTimeout
from bot.wording.patients import answers

FAULT_AT, FAULT_FOR = 5.0, 30.0  # seconds after the start; the fault's length
TITLE = "Faults: the running bot"
HOLD_LOCK = (
    "import sqlite3, sys, time\n"
    "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True)\n"
    "time.sleep(float(sys.argv[2])); c.rollback()\n"
)


class Stalls:
    """The longest the event loop went without running a 10 ms ticker."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task = asyncio.ensure_future(self._tick())

    async def _tick(self) -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.01)
            now = time.monotonic()
            self.longest, last = max(self.longest, now - last - 0.01), now

    def stop(self) -> float:
        self._task.cancel()
        return self.longest


async def red_flags(standin, chats: list[int], every: float) -> list[asyncio.Future]:
    """Each chat reports a red flag, `every` seconds apart; each future gives the seconds
    until the patient was told whether the team was reached (-1: not within 90 s)."""
    waits = []
    for chat in chats:
        after, sent = standin.next_index, time.monotonic()
        standin.inject_message(chat, faultkit.RED_FLAG, first_name="Pat")
        waits.append(asyncio.ensure_future(_told(standin, chat, after, sent)))
        await asyncio.sleep(every)
    return waits


async def _told(standin, chat: int, after: int, sent: float) -> float:
    notes = (answers.STAFF_ALERTED, answers.STAFF_NOT_REACHED)
    try:
        await standin.wait_for(
            lambda m: m.chat_id == chat and m.text in notes, timeout=90, after=after
        )
    except StandInTimeout:
        return -1.0
    return time.monotonic() - sent


async def busy(db: Path, fault, *, patients: int = 200, spread: float = 40.0) -> dict:
    """Run a timeline of `patients` × 2 messages due over `spread` s with `fault(db)` (an
    async context manager) from FAULT_AT s; three red flags during it."""
    seeded = faultkit.seed_timeline(
        db, patients, 2, lambda i, k: 1 + spread * (2 * i + k) / (2 * patients)
    )
    flagged = list(seeded.chats)[:3]
    async with BotAPIStandIn() as standin:
        clock = ScaledClock(1.0, time.time(), faultkit.EPOCH)
        async with running_bot(db, clock=clock, standin=standin) as bot:
            stalls = Stalls()
            await asyncio.sleep(FAULT_AT)
            async with fault(db):
                told = await red_flags(standin, flagged, FAULT_FOR / 4)
            ended = time.monotonic()
            waits = list(await asyncio.gather(*told))
            deadline = ended + 60
            while bot.store.deliveries.counts().get("sent", 0) < seeded.rows:
                if time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.1)  # waiting for real sends to land
            drained = time.monotonic() - ended
            await asyncio.sleep(1)  # any late duplicate
            stall = stalls.stop()
            escalated = len(bot.store.db.execute("SELECT id FROM escalations").fetchall())
            retries = bot.services.db.retries
        messages = [m for m in standin.messages() if m.chat_id != faultkit.STAFF_CHAT]
        alerts = len(standin.messages(faultkit.STAFF_CHAT))
    tally = faultkit.tally(db, [m for m in messages if m.text != faultkit.RED_FLAG], seeded)
    return {
        "rows": seeded.rows,
        "tally": tally,
        "red_flags": len(flagged),
        "escalated": escalated,
        "alerts": alerts,
        "red_flag_waits": waits,
        "drained": drained,
        "stall": stall,
        "retries": retries,
    }


class _Lock:
    def __init__(self, db: Path) -> None:
        self.db = db

    async def __aenter__(self):
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", HOLD_LOCK, str(self.db), str(FAULT_FOR),
            stdout=subprocess.PIPE,
        )  # fmt: skip
        await self.process.stdout.readline()  # "locked"

    async def __aexit__(self, *exc) -> None:
        await self.process.wait()


class _FullDisk:
    """Fill the tmpfs holding the database for FAULT_FOR s (after a TRUNCATE checkpoint, so
    the next writes must grow the WAL, as they would on a real full disk)."""

    def __init__(self, db: Path) -> None:
        self.filler = db.parent / "filler"
        self.db = db

    async def __aenter__(self):
        await asyncio.to_thread(self._fill)
        self.until = time.monotonic() + FAULT_FOR

    def _fill(self) -> None:
        conn = sqlite3.connect(self.db, timeout=5)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        with suppress(OSError), open(self.filler, "wb") as out:  # closing flushes: ENOSPC too
            while True:
                out.write(b"\0" * 65536)
                out.flush()

    async def __aexit__(self, *exc) -> None:
        await asyncio.sleep(max(0.0, self.until - time.monotonic()))
        self.filler.unlink()


async def lock_scenario() -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-lock-") as folder:
        return await busy(Path(folder) / "bot.db", _Lock)


async def disk_scenario(mount: Path) -> dict:
    return await busy(mount / "bot.db", _FullDisk)


async def late_others(fault: dict, chat_faults: int = 1) -> dict:
    """One chat meets `fault` (stand-in fault options) on its first send, at 1 s; 100 other
    patients' messages fall due over the next 10 s; one of them asks a question at 4 s.
    Returns how late the others' messages and the reply were."""
    with tempfile.TemporaryDirectory(prefix="bench-late-") as folder:
        db = Path(folder) / "bot.db"
        seeded = faultkit.seed_timeline(db, 101, 1, lambda i, k: 1 + (i > 0) * (1 + i / 10))
        faulty, *others = list(seeded.chats)
        async with BotAPIStandIn() as standin:
            standin.add_fault(chat_id=faulty, times=chat_faults, **fault)
            clock = ScaledClock(1.0, time.time(), faultkit.EPOCH)
            started = time.monotonic()
            async with running_bot(db, clock=clock, standin=standin) as bot:
                await asyncio.sleep(4 - (time.monotonic() - started))
                asker, after, asked = others[-1], standin.next_index, time.monotonic()
                standin.inject_message(asker, "how long will i be red for?", first_name="Pat")
                await standin.wait_for_messages(asker, 1, timeout=30, after=after)
                reply = time.monotonic() - asked
                await standin.wait_for_messages(None, len(others) + 1, timeout=30)
                passes = bot.app.bot_data["outbox"].last_pass is not None
            late = []
            for index, chat in enumerate(others, start=1):
                due = started + 1 + (1 + index / 10)
                [message] = [m for m in standin.messages(chat) if m.at >= due - 1][:1]
                late.append(max(0.0, message.at - due))
    return {"late_max": max(late), "late_mean": sum(late) / len(late), "reply": reply,
            "passes": passes}  # fmt: skip


def report(results: dict) -> str:
    lines = [faultkit.header(TITLE, "bench/bench_faults.py"), _TEXT]
    lines.append("| fault | lost | duplicated | left `sending` | red flags escalated "
                 "| red flag answered in (max) | drained after | longest loop stall |")  # fmt: skip
    lines.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, label in (("lock", "write lock held 30 s by another process"),
                        ("disk", "disk full 30 s (tmpfs)")):  # fmt: skip
        r = results.get(name)
        if r is None:
            lines.append(f"| {label} | skipped (needs root and `unshare`) | | | | | | |")
            continue
        t, stall = r["tally"], r["stall"] * 1000
        lines.append(
            f"| {label} | {t.lost} of {r['rows']} | {t.duplicated} | {t.left_sending} | "
            f"{r['escalated']} of {r['red_flags']} ({r['alerts']} staff alerts) | "
            f"{max(r['red_flag_waits']):.1f} s | {r['drained']:.1f} s | {stall:.0f} ms |"
        )
    lines.append("")
    lines.append("| fault on one chat | other patients' messages late by, max / mean "
                 "| another patient's reply took |")  # fmt: skip
    lines.append("| --- | --- | --- |")
    for name, label in (("hung", "`sendMessage` never answered (timeout 5 s)"),
                        ("flood", "`retry_after` 60")):  # fmt: skip
        r = results[name]
        lines.append(f"| {label} | {r['late_max']:.2f} s / {r['late_mean']:.2f} s | "
                     f"{r['reply']:.2f} s |")  # fmt: skip
    return "\n".join(lines) + "\n"


_TEXT = """200 patients with 2 messages each, due over 40 s, the real bot (`running_bot`: store
thread, outbox, JobQueue) at clock speed 1 against the stand-in. The fault starts 5 s in and
lasts 30 s; three patients report a red flag during it, 7.5 s apart. Counted once every row is
sent (or 60 s after the fault): rows never delivered, extra copies, rows still `sending`, red
flags escalated (staff alerted), the longest the event loop went without running a 10 ms
ticker.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="lock,disk,hung,flood")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    parser.add_argument("--inside", help=argparse.SUPPRESS)  # the tmpfs, in the namespace
    args = parser.parse_args()
    if args.inside:
        result = asyncio.run(disk_scenario(Path(args.inside)))
        result["tally"] = dataclasses.asdict(result["tally"])
        print(json.dumps(result))
        return
    wanted = set(args.only.split(","))
    results: dict = {}
    if "lock" in wanted:
        results["lock"] = asyncio.run(lock_scenario())
        print("lock:", results["lock"], flush=True)
    if "disk" in wanted:
        results["disk"] = full_disk_in_a_namespace()
        print("disk:", results["disk"], flush=True)
    if "hung" in wanted:
        results["hung"] = asyncio.run(late_others({"kind": "timeout", "hold": 60}))
        print("hung:", results["hung"], flush=True)
    if "flood" in wanted:
        results["flood"] = asyncio.run(late_others({"kind": "flood", "retry_after": 60}))
        print("flood:", results["flood"], flush=True)
    print(f"machine: {faultkit.machine()}")
    if args.write and wanted == {"lock", "disk", "hung", "flood"}:
        faultkit.write_section(TITLE, report(results))
        print("written to bench/RESULTS.md")


def full_disk_in_a_namespace() -> dict | None:
    """Re-run this script inside `unshare -m` with a 16 MB tmpfs; None when that is refused."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return None
    mount = Path(tempfile.mkdtemp(prefix="bench-disk-"))
    script = (
        f"mount -t tmpfs -o size=16m tmpfs {mount} && "
        f"exec {sys.executable} {Path(__file__).resolve()} --inside {mount}"
    )
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True)
    mount.rmdir()
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
        return None
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["tally"] = faultkit.Tally(**result["tally"])
    return result


if __name__ == "__main__":
    main()
