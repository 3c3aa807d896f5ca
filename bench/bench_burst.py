"""Burst: 2,000 patients whose next message falls due at the same window opening.

Sessions ran on Sunday evening after the clinic closed, so every "day 1" message is pushed to
Tuesday's 09:00 opening. The real bot (same composition root as `aftercare run`) sends them
through the Bot API stand-in with Telegram's flood limits on (about 30 messages a second
overall, one a second per chat, 429 with retry_after above that). Real time: the clock runs
at speed 1 from two seconds before the opening.

    python bench/bench_burst.py [--patients 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import seed

from bot.clock import ScaledClock
from bot.standin.botapi import BotAPIStandIn
from bot.standin.harness import running_bot
from bot.store import Store
from content.timeline import load_timeline

OPENING = seed.EPOCH + timedelta(days=1)  # Tuesday 3 March 2026, 09:00 London
LIMIT = 30.0


def prepare(db_path: Path, patients: int) -> int:
    """Plan every patient's timeline; returns how many rows fall due at the opening."""
    store = Store.open(db_path)
    clinic = seed.add_clinic(store, booking_url="https://clinic.example/book")
    timeline = load_timeline()
    sunday_evening = seed.EPOCH - timedelta(hours=13)  # Sunday 20:00

    def session_at(i: int):
        return sunday_evening + timedelta(seconds=7200 * i / patients)

    now = OPENING - timedelta(seconds=2)
    due = 0
    for i, ids in enumerate(seed.add_patients(store, clinic, patients, session_at)):
        steps, _ = seed.plan_patient(store, clinic, timeline, ids, session_at(i), now)
        due += sum(1 for step in steps if step.due_at <= OPENING)
    store.close()
    return due


async def burst(db_path: Path, due: int) -> dict:
    standin = BotAPIStandIn(flood_limits=True)
    await standin.start()
    clock = ScaledClock(1.0, time.time(), OPENING - timedelta(seconds=2))
    try:
        async with running_bot(db_path, clock=clock, standin=standin) as bot:
            deadline = time.monotonic() + 30 + 3 * due / LIMIT
            while bot.store.deliveries.counts().get("sent", 0) < due:
                if time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.25)  # waiting for real sends, not for scheduled time
            await asyncio.sleep(1.0)  # let stragglers (and any duplicates) arrive
            counts = bot.store.deliveries.counts()
    finally:
        await standin.stop()
    messages = standin.messages()
    per_chat = Counter(m.chat_id for m in messages)
    times = sorted(m.at for m in messages)
    elapsed = times[-1] - times[0]
    rate = (len(times) - 1) / elapsed
    return {
        "due": due,
        "delivered": len(messages),
        "seconds": elapsed,
        "rate": rate,
        "ratio": rate / LIMIT,
        "429s": standin.stats.too_many_requests,
        "lost": due - counts.get("sent", 0),
        "duplicated": sum(n - 1 for n in per_chat.values()),
        "max_per_chat_in_1s": _max_per_chat_per_second(messages),
    }


def _max_per_chat_per_second(messages) -> int:
    by_chat: dict[int, list[float]] = {}
    for m in messages:
        by_chat.setdefault(m.chat_id, []).append(m.at)
    worst = 0
    for stamps in by_chat.values():
        stamps.sort()
        for i, t in enumerate(stamps):
            worst = max(worst, sum(1 for u in stamps[i:] if u - t < 1.0))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-burst-") as folder:
        db_path = Path(folder) / "burst.db"
        due = prepare(db_path, args.patients)
        result = asyncio.run(burst(db_path, due))
    print(f"machine: {seed.machine()}")
    print(f"patients: {args.patients}, messages due at the opening: {result['due']}")
    print(f"delivered: {result['delivered']} in {result['seconds']:.1f} s")
    print(f"rate: {result['rate']:.2f} messages/s = {result['ratio']:.3f} of {LIMIT:.0f}/s")
    print(f"429s received: {result['429s']}")
    print(f"lost: {result['lost']}, duplicated: {result['duplicated']}")
    print(f"most messages to one chat within one second: {result['max_per_chat_in_1s']}")


if __name__ == "__main__":
    main()
