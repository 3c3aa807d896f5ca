"""Faults to the `aftercare run` process itself, against the stand-in in this process:

- 20 kill -9 at random moments while Telegram answers every send in 0.3 s: what was lost,
  what was sent twice, against the sends in flight at each kill;
- SIGTERM during a backlog of 10,000 patients: how long the exit takes, what is sent after
  the signal, and what the restart repeats;
- two `aftercare run` on one database (an overlapping deploy): the second refuses.

Loopback only; bounded (about three minutes in all).

    python bench/bench_kills.py [--only kills,sigterm,two] [--kills 20] [--write]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import faultkit

from bot.standin.botapi import BotAPIStandIn
from bot.store import Store

TITLE = "Faults: killing and stopping the process"
LATENCY = 0.3  # seconds Telegram takes to answer each send
TOKEN = "7000000001:bench-kills-token"


def answer_slowly(standin: BotAPIStandIn) -> None:
    """Every sendMessage reaches the chat at once and is answered LATENCY s later."""
    standin.add_fault("timeout", probability=1.0, times=None, delivered=True, hold=LATENCY)


async def start_bot(folder: Path, url: str, log: str) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": url,
        "AFTERCARE_DB": str(folder / "bot.db"),
        "AFTERCARE_HEALTH_PORT": "off",
        "PYTHONPATH": str(faultkit.ROOT),
    }
    out = open(folder / log, "ab")  # noqa: SIM115 - the child process owns it
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=folder, env=env, stdout=out, stderr=out
    )


def in_flight_at(db: Path, standin: BotAPIStandIn, seeded: faultkit.Seeded) -> tuple[int, int]:
    """(sends in flight: rows left `sending` whose send had started, messages at the chats
    beyond the rows recorded as sent). The second only grows by deliveries never recorded: a
    requeued row sent again adds one message and one recorded row."""
    store = Store.open(db)
    try:
        started = store.db.execute(
            "SELECT count(*) FROM deliveries WHERE status = 'sending'"
            " AND send_started_at IS NOT NULL"
        ).fetchone()[0]
        recorded = store.deliveries.counts().get("sent", 0)
    finally:
        store.close()
    arrived = sum(1 for m in standin.messages() if m.chat_id in seeded.chats)
    return started, arrived - recorded


async def kills(count: int) -> dict:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory(prefix="bench-kills-") as name:
        folder = Path(name)
        db = folder / "bot.db"
        seeded = faultkit.seed_timeline(db, 300, 4, lambda i, k: 0, speed=1)
        at_kills, before = [], 0
        async with BotAPIStandIn() as standin:
            answer_slowly(standin)
            for _ in range(count):
                bot = await start_bot(folder, standin.url, "bot.log")
                await standin.wait_for_messages(None, len(standin.messages()) + 1, timeout=30)
                await asyncio.sleep(rng.uniform(0.2, 1.5))
                bot.send_signal(signal.SIGKILL)
                await bot.wait()
                in_flight, unrecorded = in_flight_at(db, standin, seeded)
                at_kills.append((in_flight, unrecorded - before))
                before = unrecorded
            bot = await start_bot(folder, standin.url, "bot.log")
            deadline = time.monotonic() + 120
            while _sent(db) < seeded.rows and time.monotonic() < deadline:
                await asyncio.sleep(0.5)
            bot.send_signal(signal.SIGTERM)
            await bot.wait()
            messages = standin.messages()
        tally = faultkit.tally(db, messages, seeded)
    return {"rows": seeded.rows, "kills": count, "at_kills": at_kills, "tally": tally}


def _sent(db: Path) -> int:
    store = Store.open(db)
    try:
        return store.deliveries.counts().get("sent", 0)
    finally:
        store.close()


async def sigterm(patients: int = 10_000) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-sigterm-") as name:
        folder = Path(name)
        db = folder / "bot.db"
        seeded = faultkit.seed_timeline(db, patients, 1, lambda i, k: 0, speed=1)
        async with BotAPIStandIn() as standin:
            answer_slowly(standin)
            bot = await start_bot(folder, standin.url, "bot.log")
            await standin.wait_for_messages(None, 150, timeout=60)
            bot.send_signal(signal.SIGTERM)
            signalled, before = time.monotonic(), len(standin.messages())
            await asyncio.wait_for(bot.wait(), 30)
            took = time.monotonic() - signalled
            after = len(standin.messages()) - before
            left_sending, _ = in_flight_at(db, standin, seeded)
            bot = await start_bot(folder, standin.url, "restart.log")
            await standin.wait_for_messages(None, len(standin.messages()) + 100, timeout=60)
            bot.send_signal(signal.SIGTERM)
            await bot.wait()
            per_chat = Counter(m.chat_id for m in standin.messages())
    return {
        "backlog": seeded.rows,
        "exit": took,
        "after_signal": after,
        "left_sending": left_sending,
        "repeated": sum(n - 1 for n in per_chat.values() if n > 1),
        "delivered": len(per_chat),
    }


async def two(patients: int = 200) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-two-") as name:
        folder = Path(name)
        faultkit.seed_timeline(folder / "bot.db", patients, 1, lambda i, k: 0, speed=1)
        async with BotAPIStandIn() as standin:
            answer_slowly(standin)
            started = time.monotonic()
            first, second = [await start_bot(folder, standin.url, f"{n}.log") for n in "ab"]
            await asyncio.wait(
                [asyncio.ensure_future(p.wait()) for p in (first, second)],
                return_when=asyncio.FIRST_COMPLETED,
            )
            refused_in = time.monotonic() - started
            codes = [p.returncode for p in (first, second)]
            running = first if codes[0] is None else second
            await standin.wait_for_messages(None, patients, timeout=60)
            await asyncio.sleep(1)
            running.send_signal(signal.SIGTERM)
            await running.wait()
            per_chat = Counter(m.chat_id for m in standin.messages())
        lines = [(folder / f"{n}.log").read_text() for n in "ab"]
    refusal = next((line for text in lines for line in text.splitlines() if "already" in line), "")
    return {
        "codes": [c for c in codes if c is not None],
        "refused_in": refused_in,
        "refusal": refusal,
        "duplicated": sum(n - 1 for n in per_chat.values()),
        "delivered": len(per_chat),
        "patients": patients,
    }


def report(results: dict) -> str:
    k, s, t = results["kills"], results["sigterm"], results["two"]
    tally = k["tally"]
    flights = [n for n, _ in k["at_kills"]]
    reached = [r for _, r in k["at_kills"]]
    return f"""{faultkit.header(TITLE, "bench/bench_kills.py")}
Real `aftercare run` processes against the stand-in, which takes every `sendMessage` at once
and answers it {LATENCY} s later (`delivered` timeout faults): a kill between the two leaves
a message that arrived but was never recorded.

**{k["kills"]} kill -9** at random moments (0.2-1.5 s after the first send of each run) over
{k["rows"]:,} messages (300 patients × 4, all due), then one last run until all are sent.

| figure | value | target |
| --- | --- | --- |
| lost | {tally.lost} | 0 |
| duplicated (extra copies) | {tally.duplicated} | ≤ the sends in flight at the kills |
| sends in flight at the kills (started, not recorded): total / most at one kill | \
{sum(flights)} / {max(flights)} | 30/s × {LATENCY} s = {30 * LATENCY:.0f}, plus one |
| of those, already at the chat (each becomes one repeat): total / most at one kill | \
{sum(reached)} / {max(reached)} | |
| most copies of one message | {tally.most_copies} | ≤ 2 |
| rows left `sending` at the end | {tally.left_sending} | 0 |

Every extra copy is a send cut by a kill: one that had reached the chat when the process
died, before its answer was recorded. A cut send goes again 15 s after the restart, behind
the rows already waiting, so a process killed again soon after starting does not cut it twice.

**SIGTERM during a backlog** of {s["backlog"]:,} patients (one message each, all due), after
the first 150 were sent; then a restart for another 100.

| figure | value | target |
| --- | --- | --- |
| exit after the signal | {s["exit"]:.2f} s | ≤ 10 s |
| messages sent after the signal | {s["after_signal"]} | the sends in flight |
| rows left `sending` at exit (unanswered at the deadline) | {s["left_sending"]} | |
| repeated after the restart | {s["repeated"]} | ≤ rows left `sending` |

**Two `aftercare run` on one database**, started together, {t["patients"]} messages due.

| figure | value | target |
| --- | --- | --- |
| refused | exit {", ".join(map(str, t["codes"]))} after {t["refused_in"]:.2f} s \
(both started together) | exit 2 |
| the refusal | `{t["refusal"].strip()}` | one line naming the other |
| delivered / duplicated | {t["delivered"]} / {t["duplicated"]} | all / 0 |
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="kills,sigterm,two")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    results = {}
    if "kills" in wanted:
        results["kills"] = asyncio.run(kills(args.kills))
        print("kills:", results["kills"], flush=True)
    if "sigterm" in wanted:
        results["sigterm"] = asyncio.run(sigterm())
        print("sigterm:", results["sigterm"], flush=True)
    if "two" in wanted:
        results["two"] = asyncio.run(two())
        print("two:", results["two"], flush=True)
    print(f"machine: {faultkit.machine()}")
    if args.write and len(results) == 3:
        faultkit.write_section(TITLE, report(results))
        print("written to bench/RESULTS.md")


if __name__ == "__main__":
    main()
