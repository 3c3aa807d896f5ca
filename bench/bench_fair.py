"""Fairness: one patient with 40 messages due among 300 patients with one each, against the
stand-in with Telegram's limits enforced strictly. The same 300 patients run on the real bot
without that patient, with that patient having one row, and with their 40; the figure is when
the 300 had all their messages. At a strict 30 in any second, the patient's first message is
one more of 301 and can cost the 300 a window's slot; the 40-row backlog should cost nothing
more than that one row does.

The 40 rows are one person's backlog (all due at the opening, as after a long downtime). The
bot claims one row per person and spaces the rest of a backlog AFTERCARE_BACKLOG_SPACING_MINUTES
apart (default 10), so the 40 never stand in front of the 300.

    python bench/bench_fair.py [--patients 300] [--backlog 40] [--repeat 3] [--json fair.json]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import seed

from bot.clock import ScaledClock
from bot.standin.botapi import BotAPIStandIn
from bot.store import Store
from bot.telegram.ratelimit import build_rate_limiter
from content.timeline import load_timeline
from tests.delivery_fixtures import Step, add_patient, add_session, enroll, plan_session

OPENING = seed.EPOCH + timedelta(days=1)  # Tuesday 3 March 2026, 09:00 London
LEAD = 2.0  # real seconds from the start to the opening
HEAVY = 9_000_000  # the chat of the patient with the backlog


def prepare(db_path: Path, patients: int, backlog: int) -> list[int]:
    """`patients` with one message due at the opening (and, with `backlog`, one patient with
    that many); returns the chats of the `patients`."""
    store = Store.open(db_path)
    clinic = seed.add_clinic(store, booking_url="https://clinic.example/book")
    due, expires = OPENING, OPENING + timedelta(hours=8)
    chats = list(range(seed.FIRST_CHAT, seed.FIRST_CHAT + patients))
    for chat in chats:
        enroll(store, clinic, chat, [Step("day1_redness", due, expires)], now=seed.EPOCH)
    if backlog:  # one person, several sessions of the real timeline's scheduled steps
        ids = [s.id for s in load_timeline().steps if not s.immediate]
        patient = add_patient(store, clinic, HEAVY, status="active", now=seed.EPOCH)
        for n in range(0, backlog, len(ids)):
            session = add_session(store, clinic, patient, seed.EPOCH - timedelta(days=n))
            steps = [
                Step(step, due - timedelta(minutes=n + i), expires)
                for i, step in enumerate(ids[: backlog - n])
            ]
            plan_session(store, clinic, patient, session, steps, seed.EPOCH)
    store.close()
    return chats


async def run(db_path: Path, chats: list[int]) -> dict[str, float]:
    """The real bot from two seconds before the opening until the `chats` had their message."""
    from bot.standin.harness import running_bot

    standin = BotAPIStandIn(flood_limits=True)
    await standin.start()
    clock = ScaledClock(1.0, time.time(), OPENING - timedelta(seconds=LEAD))
    opening = time.monotonic() + LEAD
    wanted = set(chats)
    try:
        async with running_bot(
            db_path, clock=clock, standin=standin, rate_limiter=build_rate_limiter()
        ):
            deadline = opening + 120
            while time.monotonic() < deadline:
                if wanted <= {m.chat_id for m in standin.messages()}:
                    break
                await asyncio.sleep(0.05)  # waiting for real sends, not for scheduled time
    finally:
        await standin.stop()
    mine = [m.at for m in standin.messages() if m.chat_id in wanted]
    return {
        "all_300_done_s": max(mine) - opening,
        "delivered_to_the_300": len({m.chat_id for m in standin.messages()} & wanted),
        "to_the_backlog_patient": len(standin.messages(HEAVY)),
        "429s": standin.stats.too_many_requests,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=300)
    parser.add_argument("--backlog", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, alternating")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result: dict = {"machine": seed.machine(), "load": seed.load_average()}
    runs: dict[str, list[dict]] = {"without": [], "with_one_row": [], "with": []}
    variants = (("without", 0), ("with_one_row", 1), ("with", args.backlog))
    for _ in range(args.repeat):  # alternating, so a noisy moment of the machine hits each
        for name, backlog in variants:
            with tempfile.TemporaryDirectory(prefix="bench-fair-") as folder:
                db_path = Path(folder) / "fair.db"
                chats = prepare(db_path, args.patients, backlog)
                runs[name].append(asyncio.run(run(db_path, chats)))
            print(f"{name} the backlog patient: {runs[name][-1]}", flush=True)
    for name, done in runs.items():
        times = sorted(r["all_300_done_s"] for r in done)
        result[name] = {
            "all_300_done_s_median": statistics.median(times),
            "all_300_done_s_runs": times,
            "delivered_to_the_300": min(r["delivered_to_the_300"] for r in done),
            "to_the_backlog_patient": max(r["to_the_backlog_patient"] for r in done),
            "429s": sum(r["429s"] for r in done),
        }
    done = {name: result[name]["all_300_done_s_median"] for name in runs}
    result["ratio_with_to_without"] = done["with"] / done["without"]
    result["ratio_with_to_with_one_row"] = done["with"] / done["with_one_row"]
    seed.report(result, args.json)


if __name__ == "__main__":
    main()
